using System.Collections.Concurrent;

namespace Contact.Tests.Support;

/// <summary>What test grains report about their lifecycle, and gates that tests open to let calls finish.</summary>
public sealed class TestLog
{
    private readonly ConcurrentQueue<string> events = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource> gates = new();

    public void Add(string entry) => events.Enqueue(entry);

    public IReadOnlyList<string> Events => [.. events];

    public Task Gate(string name) => gates.GetOrAdd(name, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    public void Open(string name) => gates.GetOrAdd(name, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
