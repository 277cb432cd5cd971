using Contact.Orleans.Grains.Interfaces;
using Contact.Orleans.Runtime;

namespace Contact.Orleans.Grains.Directory;

public sealed class AgentDirectoryRecord
{
    public SortedSet<string> AgentIds { get; set; } = new(StringComparer.Ordinal);
}

public sealed class AgentDirectoryGrain([PersistentState("directory")] IPersistentState<AgentDirectoryRecord> state)
    : Grain, IAgentDirectoryGrain
{
    public async Task Add(string agentId)
    {
        if (state.State.AgentIds.Add(agentId)) await state.WriteStateAsync();
    }

    public Task<IReadOnlyList<string>> List() => Task.FromResult<IReadOnlyList<string>>([.. state.State.AgentIds]);
}
