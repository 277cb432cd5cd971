using Contact.Grains.Interfaces;
using Contact.Storage;

namespace Contact.Grains.Directory;

public sealed class DirectoryRecord
{
    public SortedSet<string> Ids { get; set; } = new(StringComparer.Ordinal);
}

[GrainType("directory")]
public sealed class DirectoryGrain([PersistentState("directory", ContactGrainStorage.Name)] IPersistentState<DirectoryRecord> state)
    : Grain, IDirectoryGrain
{
    public async Task Add(string id)
    {
        if (state.State.Ids.Add(id)) await state.WriteStateAsync();
    }

    public Task<string[]> List() => Task.FromResult<string[]>([.. state.State.Ids]);

    public async Task<bool> RemoveUnlessLast(string id)
    {
        if (state.State.Ids.All(other => other == id)) return false;
        if (state.State.Ids.Remove(id)) await state.WriteStateAsync();
        return true;
    }
}
