using Microsoft.Extensions.Logging;

namespace Contact.Orleans.Runtime.Activation;

/// <summary>
/// A timer that lives and dies with its activation. Each tick is queued as a turn; the next
/// tick is armed only after the previous turn ends, so ticks never overlap or pile up.
/// </summary>
internal sealed class GrainTimer : IDisposable
{
    private readonly ActivationData activation;
    private readonly Func<CancellationToken, Task> callback;
    private readonly TimeSpan period;
    private readonly CancellationTokenSource stopping = new();
    private ITimer? timer;

    public GrainTimer(ActivationData activation, Func<CancellationToken, Task> callback, TimeSpan period)
    {
        this.activation = activation;
        this.callback = callback;
        this.period = period;
    }

    public void Start(TimeSpan dueTime) =>
        timer = activation.Runtime.Time.CreateTimer(static s => ((GrainTimer)s!).Fire(), this, dueTime, Timeout.InfiniteTimeSpan);

    public void Dispose()
    {
        Stop();
        activation.RemoveTimer(this);
    }

    public void Stop()
    {
        if (stopping.IsCancellationRequested) return;
        stopping.Cancel();
        timer?.Dispose();
    }

    private void Fire()
    {
        if (stopping.IsCancellationRequested) return;
        if (!activation.TryEnqueue(new Tick(this))) Stop();
    }

    private void Rearm()
    {
        if (stopping.IsCancellationRequested || period <= TimeSpan.Zero) return;
        timer?.Change(period, Timeout.InfiniteTimeSpan);
    }

    private sealed class Tick(GrainTimer owner) : WorkItem
    {
        public override Task Start(ActivationData activation) =>
            owner.stopping.IsCancellationRequested
                ? Task.CompletedTask
                : RunAs(activation, null, () => owner.callback(owner.stopping.Token));

        public override void Complete(Task turn)
        {
            if (turn.IsFaulted)
            {
                owner.activation.Runtime.Logger.LogError(turn.Exception, "Timer of {Grain} failed", owner.activation.Id);
            }
            owner.Rearm();
        }
    }
}
