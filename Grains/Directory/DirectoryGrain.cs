using Contact.Orleans.Grains.Interfaces;
using Contact.Orleans.Runtime;

namespace Contact.Orleans.Grains.Directory;

public sealed class DirectoryRecord
{
    public SortedSet<string> Ids { get; set; } = new(StringComparer.Ordinal);
}

public sealed class DirectoryGrain([PersistentState("directory")] IPersistentState<DirectoryRecord> state)
    : Grain, IDirectoryGrain
{
    public async Task Add(string id)
    {
        if (state.State.Ids.Add(id)) await state.WriteStateAsync();
    }

    public Task<IReadOnlyList<string>> List() => Task.FromResult<IReadOnlyList<string>>([.. state.State.Ids]);
}
