using Contact.Grains.Interfaces;
using Contact.Storage;

namespace Contact.Grains.Calls;

public sealed class AgentPhoneRecord
{
    public PhoneDeviceKind Kind { get; set; }
    public string? Number { get; set; }
}

/// <summary>An agent's phone device, kept apart from the agent grain, which every silo holds for every agent at work.</summary>
[GrainType("agent-phone")]
public sealed class AgentPhoneGrain([PersistentState("phone", ContactGrainStorage.Name)] IPersistentState<AgentPhoneRecord> state) : Grain, IAgentPhoneGrain
{
    public Task<PhoneDevice> Get() => Task.FromResult(new PhoneDevice(state.State.Kind, state.State.Number));

    public async Task<PhoneDevice> Set(PhoneDevice device)
    {
        state.State.Kind = device.Kind;
        state.State.Number = device.Kind == PhoneDeviceKind.External ? device.Number : null;
        await state.WriteStateAsync();
        return await Get();
    }
}
