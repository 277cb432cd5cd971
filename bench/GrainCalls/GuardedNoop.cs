namespace Contact.Bench.GrainCalls;

/// <summary>The baseline: the same no-op behind the cheapest correct one-at-a-time guard.</summary>
public sealed class GuardedNoop
{
    private readonly SemaphoreSlim turn = new(1, 1);

    public async Task Noop()
    {
        await turn.WaitAsync();
        try
        {
            await Task.CompletedTask;
        }
        finally
        {
            turn.Release();
        }
    }
}
