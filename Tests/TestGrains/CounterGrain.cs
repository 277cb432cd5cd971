using Contact.Orleans.Runtime;

namespace Contact.Orleans.Tests.TestGrains;

public interface ICounterGrain : IGrainWithStringKey
{
    Task<int> Increment();
    Task<int> Get();
    Task<int> MaxConcurrentTurns();
    Task Noop();
    Task Fail(string message);
}

/// <summary>Increments with an await in the middle: only one-turn-at-a-time makes the count exact.</summary>
public sealed class CounterGrain : Grain, ICounterGrain
{
    private int count;
    private int inTurn;
    private int maxInTurn;

    public async Task<int> Increment()
    {
        maxInTurn = Math.Max(maxInTurn, Interlocked.Increment(ref inTurn));
        var read = count;
        await Task.Yield();
        count = read + 1;
        Interlocked.Decrement(ref inTurn);
        return count;
    }

    public Task<int> Get() => Task.FromResult(count);
    public Task<int> MaxConcurrentTurns() => Task.FromResult(maxInTurn);
    public Task Noop() => Task.CompletedTask;
    public Task Fail(string message) => throw new InvalidOperationException(message);
}
