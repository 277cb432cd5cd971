using System.Collections.Concurrent;
using System.Reflection;
using Contact.Orleans.Runtime.Activation;
using Contact.Orleans.Runtime.Reminders;
using Contact.Orleans.Runtime.Storage;
using Microsoft.Extensions.Logging;

namespace Contact.Orleans.Runtime;

/// <summary>
/// The silo's core: the grain factory, the catalog of activations, activation collection,
/// reminders and shutdown. At most one activation per grain lives here at a time; a new one
/// waits until the previous one has finished deactivating before it reads its state.
/// </summary>
public sealed class GrainRuntime : IGrainFactory
{
    private static readonly GrainMethodInvoker receiveReminder =
        GrainMethodInvoker.For(typeof(IRemindable).GetMethod(nameof(IRemindable.ReceiveReminder))!);

    private readonly ConcurrentDictionary<GrainId, ActivationData> activations = new();
    private readonly ConcurrentDictionary<GrainId, ActivationData> retiring = new();
    private readonly GrainRegistry registry;
    private readonly IEnumerable<StorageMigration> migrations;
    private ITimer? collector;
    private volatile bool stopping;

    public GrainRuntime(IServiceProvider services, IEnumerable<GrainRegistration> registrations,
        IEnumerable<StorageMigration> migrations, IGrainStorage storage, TimeProvider time, RuntimeOptions options,
        ILogger<GrainRuntime> logger)
    {
        registry = new GrainRegistry(registrations);
        this.migrations = migrations;
        Storage = storage;
        Time = time;
        Options = options;
        Logger = logger;
        Activator = new GrainActivator(services, registry);
        Reminders = new ReminderService(storage, time, options, logger, DeliverReminder);
    }

    public IGrainStorage Storage { get; }
    public TimeProvider Time { get; }
    public RuntimeOptions Options { get; }
    public ReminderService Reminders { get; }
    public JournalFeed Journal { get; } = new();
    public int ActivationCount => activations.Count;

    internal ILogger Logger { get; }
    internal GrainActivator Activator { get; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await Storage.InitializeAsync(migrations, cancellationToken).ConfigureAwait(false);
        await Reminders.StartAsync().ConfigureAwait(false);
        collector = Time.CreateTimer(static s => ((GrainRuntime)s!).CollectIdle(), this, Options.CollectionQuantum, Options.CollectionQuantum);
    }

    /// <summary>Stops reminders, deactivates every activation (so they can flush), then closes storage.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        stopping = true;
        collector?.Dispose();
        Reminders.Dispose();
        var all = activations.Values.ToList();
        foreach (var activation in all) activation.RequestDeactivation(DeactivationReason.ShuttingDown);
        var done = Task.WhenAll(all.Select(a => a.Deactivated));
        try
        {
            await done.WaitAsync(Options.ShutdownTimeout, Time, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
            // Storage is closed all the same: it flushes every write that was acknowledged.
            Logger.LogWarning("{Count} activations did not deactivate in time", all.Count(a => !a.Deactivated.IsCompleted));
        }
        await Storage.DisposeAsync().ConfigureAwait(false);
    }

    public TGrain GetGrain<TGrain>(string key) where TGrain : IGrainWithStringKey => GetReference<TGrain>(IdOf<TGrain>(key));

    public GrainId IdOf<TGrain>(string key) where TGrain : IGrainWithStringKey => new(registry.TypeNameOf(typeof(TGrain)), key);

    public TGrain GetReference<TGrain>(GrainId id) where TGrain : IGrain
    {
        var proxy = DispatchProxy.Create<TGrain, GrainProxy>();
        ((GrainProxy)(object)proxy).Bind(this, id);
        return proxy;
    }

    /// <summary>Deactivates everything idle for longer than the collection age; run by the collector timer.</summary>
    private void CollectIdle()
    {
        var now = Time.GetUtcNow();
        foreach (var activation in activations.Values) activation.DeactivateIfIdle(Options.CollectionAge, now);
    }

    /// <summary>Completes when the grain's activation that is going away has finished deactivating.</summary>
    internal Task WhenDeactivated(GrainId id) => retiring.TryGetValue(id, out var activation) ? activation.Deactivated : Task.CompletedTask;

    internal Task Invoke(GrainProxy proxy, GrainMethodInvoker invoker, object?[] args)
    {
        if (!invoker.IsOneWay) return Call(proxy, invoker, args, CallChain.Current);
        // The pool thread starts with no call chain: the call is a turn of its own.
        ThreadPool.UnsafeQueueUserWorkItem(static s => _ = s.runtime.CallDetached(s.proxy, s.invoker, s.args),
            (runtime: this, proxy, invoker, args), preferLocal: false);
        return Task.CompletedTask;
    }

    private async Task CallDetached(GrainProxy proxy, GrainMethodInvoker invoker, object?[] args)
    {
        try
        {
            await Call(proxy, invoker, args, null).ConfigureAwait(false);
        }
        catch (Exception error)
        {
            Logger.LogError(error, "One-way call to {Grain} failed", proxy.Id);
        }
    }

    private Task Call(GrainProxy proxy, GrainMethodInvoker invoker, object?[] args, CallChain? caller)
    {
        if (caller is not null && caller.Contains(proxy.Id))
        {
            return invoker.Failed(new DeadlockException([.. caller.ToList(), proxy.Id]));
        }
        while (true)
        {
            var activation = proxy.Activation;
            if (activation is null || activation.IsGone)
            {
                if (stopping) return invoker.Failed(new InvalidOperationException("The silo is shutting down."));
                activation = proxy.Activation = activations.GetOrAdd(proxy.Id, CreateActivation);
            }
            switch (activation.Admit(invoker, args, caller, out var queued))
            {
                case Admission.RunNow:
                    return RunInline(activation, invoker, args, caller);
                case Admission.Queued:
                    return invoker.WithTimeout(queued!.Result, Options.CallTimeout, Time);
                default:
                    proxy.Activation = null;
                    break;
            }
        }
    }

    /// <summary>The activation was idle: run the turn on the caller's thread, without queueing.</summary>
    private Task RunInline(ActivationData activation, GrainMethodInvoker invoker, object?[] args, CallChain? caller)
    {
        Task turn;
        var saved = CallChain.Current;
        CallChain.Current = new CallChain(activation.Id, caller);
        try
        {
            turn = invoker.Call(activation.Instance!, args);
        }
        catch (Exception e)
        {
            turn = invoker.Failed(e);
        }
        finally
        {
            CallChain.Current = saved;
        }
        activation.EndInlineTurn(turn);
        return turn.IsCompleted ? turn : invoker.WithTimeout(turn, Options.CallTimeout, Time);
    }

    private ActivationData CreateActivation(GrainId id) =>
        new(this, id, retiring.TryGetValue(id, out var predecessor) ? predecessor : null);

    /// <summary>The activation is going away: later calls create a successor that waits for it.</summary>
    internal void Retire(ActivationData activation)
    {
        retiring[activation.Id] = activation;
        activations.TryRemove(new KeyValuePair<GrainId, ActivationData>(activation.Id, activation));
    }

    internal void Forget(ActivationData activation) =>
        retiring.TryRemove(new KeyValuePair<GrainId, ActivationData>(activation.Id, activation));

    /// <summary>Hands a turn queued on a dropped activation to the grain's next activation.</summary>
    internal void Redeliver(GrainId id, WorkItem item)
    {
        while (!stopping)
        {
            if (activations.GetOrAdd(id, CreateActivation).TryEnqueue(item)) return;
        }
        item.Abandon(new InvalidOperationException("The silo is shutting down."));
    }

    private Task DeliverReminder(GrainId id, string name, TickStatus status)
    {
        var proxy = (GrainProxy)(object)GetReference<IRemindable>(id);
        return Invoke(proxy, receiveReminder, [name, status]);
    }
}
