using Contact.Orleans.Runtime;

namespace Contact.Orleans.Tests.TestGrains;

public interface ITickerGrain : IGrainWithStringKey
{
    Task Start(TimeSpan period);
    Task Stop();
    Task<int> Ticks();
    Task Deactivate();
}

public sealed class TickerGrain : Grain, ITickerGrain
{
    private IDisposable? timer;
    private int ticks;

    public Task Start(TimeSpan period)
    {
        timer = RegisterGrainTimer(_ =>
        {
            ticks++;
            return Task.CompletedTask;
        }, period, period);
        return Task.CompletedTask;
    }

    public Task Stop()
    {
        timer?.Dispose();
        return Task.CompletedTask;
    }

    public Task<int> Ticks() => Task.FromResult(ticks);

    public Task Deactivate()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }
}
