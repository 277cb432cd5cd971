using Contact.Grains.Interfaces;
using Contact.Storage;

namespace Contact.Grains.Sms;

public sealed class SmsNumberRecord
{
    public string? ServiceId { get; set; }
}

/// <summary>A number belongs to one service at a time: the first to claim it, until it gives it up.</summary>
[GrainType("sms-number")]
public sealed class SmsNumberGrain([PersistentState("number", ContactGrainStorage.Name)] IPersistentState<SmsNumberRecord> state) : Grain, ISmsNumberGrain
{
    public Task<string?> GetServiceId() => Task.FromResult(state.State.ServiceId);

    public async Task Claim(string serviceId)
    {
        if (state.State.ServiceId == serviceId) return;
        if (state.State.ServiceId is { } owner) throw SmsErrors.NumberTaken(this.GetPrimaryKeyString(), owner);
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
