using Microsoft.Extensions.Logging;

namespace Contact.Orleans.Runtime.Activation;

/// <summary>
/// One activation of one grain: its instance, its mailbox and its lifecycle. Turns run one at a
/// time in arrival order; a turn is the whole of a grain method, awaits included.
/// </summary>
internal sealed class ActivationData
{
    // How many queued turns that finish synchronously one thread runs before it yields to the pool.
    private const int TurnsPerDispatch = 64;

    private readonly object gate = new();
    private readonly Queue<WorkItem> queue = new();
    private readonly ActivationData? predecessor;
    private ActivationStatus status = ActivationStatus.Created;
    private bool running;
    private DeactivationReason deactivationReason;
    private TaskCompletionSource? deactivated;
    private List<WorkItem>? redeliver;
    private List<GrainTimer>? timers;
    private long lastActiveTicks;

    public ActivationData(GrainRuntime runtime, GrainId id, ActivationData? predecessor)
    {
        Runtime = runtime;
        Id = id;
        this.predecessor = predecessor;
        lastActiveTicks = runtime.Time.GetUtcNow().UtcTicks;
    }

    public GrainRuntime Runtime { get; }
    public GrainId Id { get; }
    public Grain? Instance { get; private set; }

    /// <summary>Storage-backed parts of the grain that load before OnActivateAsync.</summary>
    public List<IActivationLoad> Loads { get; } = [];

    /// <summary>Completes when this activation is fully gone (successors wait for it before loading state).</summary>
    public Task Deactivated
    {
        get
        {
            lock (gate) return (deactivated ??= NewCompletion()).Task;
        }
    }

    public bool IsGone
    {
        get
        {
            lock (gate) return status >= ActivationStatus.Deactivating;
        }
    }

    /// <summary>Offers a call: run it now if idle, else queue it behind the others.</summary>
    public Admission Admit(GrainMethodInvoker invoker, object?[] args, CallChain? chain, out QueuedCall? queued)
    {
        queued = null;
        var activate = false;
        lock (gate)
        {
            if (status >= ActivationStatus.Deactivating) return Admission.Gone;
            if (status == ActivationStatus.Valid && !running)
            {
                running = true;
                return Admission.RunNow;
            }
            queued = invoker.Queue(args, chain);
            queue.Enqueue(queued);
            activate = BeginActivationIfNew();
        }
        if (activate) _ = ActivateAsync();
        return Admission.Queued;
    }

    /// <summary>Queues a turn that never runs inline (timer ticks). False when the activation is going away.</summary>
    public bool TryEnqueue(WorkItem item)
    {
        bool activate, startNow;
        lock (gate)
        {
            if (status >= ActivationStatus.Deactivating) return false;
            activate = BeginActivationIfNew();
            startNow = status == ActivationStatus.Valid && !running;
            if (startNow) running = true;
            else queue.Enqueue(item);
        }
        if (activate) _ = ActivateAsync();
        if (startNow) Dispatch(item);
        return true;
    }

    /// <summary>Called when a turn that the caller ran inline has finished.</summary>
    public void EndInlineTurn(Task turn)
    {
        if (turn.IsCompleted) EndTurn();
        else turn.ContinueWith(static (_, state) => ((ActivationData)state!).EndTurn(), this,
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>
    /// Asks for this activation to go away. Calls already queued still run, except after an
    /// inconsistent-state failure, when they are handed to the next activation instead of
    /// running on state that is known to be stale.
    /// </summary>
    public void RequestDeactivation(DeactivationReason reason)
    {
        bool startNow;
        lock (gate)
        {
            if (status is not (ActivationStatus.Valid or ActivationStatus.Activating)) return;
            status = ActivationStatus.Deactivating;
            deactivationReason = reason;
            deactivated ??= NewCompletion();
            if (reason == DeactivationReason.InconsistentState && queue.Count > 0)
            {
                redeliver = [.. queue];
                queue.Clear();
            }
            startNow = !running;
            if (startNow) running = true;
        }
        Runtime.Retire(this);
        if (startNow) ThreadPool.UnsafeQueueUserWorkItem(static a => _ = a.DeactivateAsync(), this, preferLocal: false);
    }

    /// <summary>Deactivates when nothing has happened here for at least <paramref name="age"/>.</summary>
    public void DeactivateIfIdle(TimeSpan age, DateTimeOffset now)
    {
        lock (gate)
        {
            if (status != ActivationStatus.Valid || running || queue.Count > 0) return;
            if (now.UtcTicks - lastActiveTicks < age.Ticks) return;
        }
        RequestDeactivation(DeactivationReason.IdleTimeout);
    }

    public IDisposable RegisterTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new GrainTimer(this, callback, period);
        lock (gate) (timers ??= []).Add(timer);
        timer.Start(dueTime);
        return timer;
    }

    public void RemoveTimer(GrainTimer timer)
    {
        lock (gate) timers?.Remove(timer);
    }

    private bool BeginActivationIfNew()
    {
        if (status != ActivationStatus.Created) return false;
        status = ActivationStatus.Activating;
        running = true;
        return true;
    }

    private async Task ActivateAsync()
    {
        if (predecessor is not null) await predecessor.Deactivated.ConfigureAwait(false);
        try
        {
            Instance = Runtime.Activator.Create(this);
            foreach (var load in Loads) await load.LoadAsync().ConfigureAwait(false);
            await RunAsTurn(() => Instance.OnActivateAsync(CancellationToken.None)).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            Runtime.Logger.LogError(e, "Activation of {Grain} failed", Id);
            FailActivation(e);
            return;
        }
        lock (gate)
        {
            // A deactivation requested during activation (shutdown) keeps its status.
            if (status == ActivationStatus.Activating) status = ActivationStatus.Valid;
        }
        EndTurn();
    }

    private void FailActivation(Exception error)
    {
        List<WorkItem> abandoned;
        lock (gate)
        {
            status = ActivationStatus.Deactivated;
            abandoned = [.. queue];
            queue.Clear();
            deactivated ??= NewCompletion();
        }
        Runtime.Retire(this);
        Runtime.Forget(this);
        foreach (var item in abandoned) item.Abandon(error);
        deactivated.TrySetResult();
    }

    private void EndTurn()
    {
        WorkItem? next;
        var deactivateNow = false;
        lock (gate)
        {
            lastActiveTicks = Runtime.Time.GetUtcNow().UtcTicks;
            if (!queue.TryDequeue(out next))
            {
                if (status == ActivationStatus.Deactivating) deactivateNow = true;
                else running = false;
            }
        }
        if (next is not null) Dispatch(next);
        else if (deactivateNow) _ = DeactivateAsync();
    }

    private void Dispatch(WorkItem item) =>
        ThreadPool.UnsafeQueueUserWorkItem(static s => s.activation.RunQueued(s.item), (activation: this, item), preferLocal: false);

    /// <summary>Runs queued turns on this thread while they finish synchronously, within a budget.</summary>
    private void RunQueued(WorkItem item)
    {
        for (var budget = TurnsPerDispatch; ; budget--)
        {
            var turn = item.Start(this);
            if (!turn.IsCompleted)
            {
                turn.ContinueWith(static (t, state) =>
                {
                    var (activation, finished) = ((ActivationData, WorkItem))state!;
                    finished.Complete(t);
                    activation.EndTurn();
                }, (this, item), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                return;
            }
            item.Complete(turn);
            WorkItem? next;
            lock (gate)
            {
                lastActiveTicks = Runtime.Time.GetUtcNow().UtcTicks;
                if (budget == 0 || !queue.TryDequeue(out next))
                {
                    next = null;
                }
            }
            if (next is null)
            {
                EndTurn();
                return;
            }
            item = next;
        }
    }

    private async Task DeactivateAsync()
    {
        List<GrainTimer>? stopped;
        DeactivationReason reason;
        lock (gate)
        {
            stopped = timers;
            timers = null;
            reason = deactivationReason;
        }
        if (stopped is not null) foreach (var timer in stopped) timer.Stop();
        if (Instance is not null && reason != DeactivationReason.InconsistentState)
        {
            try
            {
                await RunAsTurn(() => Instance.OnDeactivateAsync(reason, CancellationToken.None)).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                Runtime.Logger.LogError(e, "OnDeactivateAsync of {Grain} failed", Id);
            }
        }
        List<WorkItem>? handOver;
        lock (gate)
        {
            status = ActivationStatus.Deactivated;
            running = false;
            handOver = redeliver;
            redeliver = null;
        }
        Runtime.Forget(this);
        deactivated!.TrySetResult();
        if (handOver is not null) foreach (var item in handOver) Runtime.Redeliver(Id, item);
    }

    private Task RunAsTurn(Func<Task> body)
    {
        var saved = CallChain.Current;
        CallChain.Current = new CallChain(Id, null);
        try
        {
            return body();
        }
        finally
        {
            CallChain.Current = saved;
        }
    }

    private static TaskCompletionSource NewCompletion() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
