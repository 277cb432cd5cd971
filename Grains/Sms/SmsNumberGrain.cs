using Contact.Orleans.Grains.Interfaces;
using Contact.Orleans.Runtime;

namespace Contact.Orleans.Grains.Sms;

public sealed class SmsNumberRecord
{
    public string? ServiceId { get; set; }
}

/// <summary>A number belongs to one service at a time: the first to claim it, until it gives it up.</summary>
public sealed class SmsNumberGrain([PersistentState("number")] IPersistentState<SmsNumberRecord> state) : Grain, ISmsNumberGrain
{
    public Task<string?> GetServiceId() => Task.FromResult(state.State.ServiceId);

    public async Task Claim(string serviceId)
    {
        if (state.State.ServiceId == serviceId) return;
        if (state.State.ServiceId is { } owner) throw SmsErrors.NumberTaken(GrainId.Key, owner);
        state.State.ServiceId = serviceId;
        await state.WriteStateAsync();
    }

    public async Task Release(string serviceId)
    {
        if (state.State.ServiceId != serviceId) return;
        state.State.ServiceId = null;
        await state.WriteStateAsync();
    }
}
