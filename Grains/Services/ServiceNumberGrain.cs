using Contact.Grains.Interfaces;
using Contact.Storage;

namespace Contact.Grains.Services;

public sealed class ServiceNumberRecord
{
    public string? ServiceId { get; set; }
}

/// <summary>
/// A number belongs to one service at a time on its channel: the first to claim it, until it
/// gives it up. The grain type keeps the name it had when numbers were for SMS only, under which
/// their owners are stored.
/// </summary>
[GrainType("sms-number")]
public sealed class ServiceNumberGrain([PersistentState("number", ContactGrainStorage.Name)] IPersistentState<ServiceNumberRecord> state) : Grain, IServiceNumberGrain
{
    public Task<string?> GetServiceId() => Task.FromResult(state.State.ServiceId);

    public async Task Claim(string serviceId)
    {
        if (state.State.ServiceId == serviceId) return;
        if (state.State.ServiceId is { } owner) throw ServiceErrors.NumberTaken(this.GetPrimaryKeyString(), owner);
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
