namespace Contact.Orleans.Runtime;

/// <summary>
/// The grains a logical call passes through, innermost last. It flows with the async context,
/// so a grain awaiting another grain carries its own id into the callee's turn.
/// </summary>
internal sealed class CallChain(GrainId id, CallChain? parent)
{
    private static readonly AsyncLocal<CallChain?> current = new();

    public GrainId Id { get; } = id;
    public CallChain? Parent { get; } = parent;

    public static CallChain? Current
    {
        get => current.Value;
        set => current.Value = value;
    }

    public bool Contains(GrainId id)
    {
        for (var link = this; link is not null; link = link.Parent)
        {
            if (link.Id == id) return true;
        }
        return false;
    }

    public List<GrainId> ToList()
    {
        var ids = new List<GrainId>();
        for (var link = this; link is not null; link = link.Parent) ids.Add(link.Id);
        ids.Reverse();
        return ids;
    }
}
