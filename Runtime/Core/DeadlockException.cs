namespace Contact.Orleans.Runtime;

/// <summary>
/// A call would re-enter a grain that is already waiting further up the same call chain.
/// Turns are not reentrant, so the call could never run: it fails at once instead of hanging.
/// </summary>
public sealed class DeadlockException(IReadOnlyList<GrainId> chain)
    : Exception("Call cycle: " + string.Join(" -> ", chain))
{
    public IReadOnlyList<GrainId> Chain { get; } = chain;
}
