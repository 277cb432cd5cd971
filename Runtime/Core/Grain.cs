using Contact.Orleans.Runtime.Activation;

namespace Contact.Orleans.Runtime;

/// <summary>
/// Base class of every grain, as in Orleans: identity, lifecycle hooks, timers and reminders.
/// The runtime attaches the activation right after construction, before OnActivateAsync.
/// </summary>
public abstract class Grain
{
    private ActivationData? activation;

    internal ActivationData Activation
    {
        get => activation ?? throw new InvalidOperationException("The grain is not attached to an activation yet.");
        set => activation = value;
    }

    public GrainId GrainId => Activation.Id;

    public IGrainFactory GrainFactory => Activation.Runtime;

    public virtual Task OnActivateAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public virtual Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    /// <summary>Deactivates this grain once the current turn ends.</summary>
    protected void DeactivateOnIdle() => Activation.RequestDeactivation(DeactivationReason.ApplicationRequested);

    /// <summary>
    /// A timer that lives with this activation; each tick runs as a turn, and the next tick is
    /// scheduled only after the previous one finished, so ticks never overlap.
    /// </summary>
    protected IDisposable RegisterGrainTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period) =>
        Activation.RegisterTimer(callback, dueTime, period);

    /// <summary>
    /// A durable reminder: a row in the database that fires even after a restart and activates
    /// this grain. A zero period makes it fire once (and retry until the grain handles it).
    /// </summary>
    protected Task RegisterOrUpdateReminder(string reminderName, TimeSpan dueTime, TimeSpan period) =>
        Activation.Runtime.Reminders.RegisterOrUpdateAsync(GrainId, reminderName, dueTime, period);

    protected Task UnregisterReminder(string reminderName) =>
        Activation.Runtime.Reminders.UnregisterAsync(GrainId, reminderName);
}
