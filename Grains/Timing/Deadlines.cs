namespace Contact.Grains.Timing;

/// <summary>
/// A grain's one-shot deadlines (a wrap-up limit, an offer timeout, a preview's auto-dial), each
/// kept two ways: a grain timer that acts on time while this activation lives, and a reminder,
/// stored, that wakes the grain when the activation is gone by then (collected while idle, or the
/// silo restarted). The timer does not depend on the reminder service, which in a cluster can
/// be busy moving ranges between silos when a deadline comes due.
/// <para>
/// The grain's handler decides whether a deadline is really due (it reads its own state), acts,
/// and clears it; a deadline that fires twice finds nothing the second time.
/// </para>
/// </summary>
internal sealed class Deadlines(Grain grain, TimeProvider time, Func<string, Task> onDue)
{
    // The reminder comes a little after the timer, so the timer normally clears it first.
    private static readonly TimeSpan backstopDelay = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Orleans refuses reminder periods under a minute. A reminder ticks again only when the
    /// grain did not clear it: the action failed, or the silo died before it was cleared.
    /// </summary>
    public static readonly TimeSpan RetryPeriod = TimeSpan.FromMinutes(1);

    /// <summary>When the reminder of a deadline <paramref name="dueIn"/> from now is to come: a little after its timer.</summary>
    public static TimeSpan BackstopDue(TimeSpan dueIn) => NonNegative(dueIn) + backstopDelay;

    private readonly Dictionary<string, IGrainTimer> timers = [];

    /// <summary>Sets (or moves) the deadline <paramref name="name"/> to <paramref name="at"/>, durably.</summary>
    public async Task SetAsync(string name, DateTimeOffset at)
    {
        await grain.RegisterOrUpdateReminder(name, BackstopDue(at - time.GetUtcNow()), RetryPeriod);
        Arm(name, at);
    }

    /// <summary>Arms this activation's timer for a deadline already stored (when a grain activates).</summary>
    public void Arm(string name, DateTimeOffset at)
    {
        Disarm(name);
        timers[name] = grain.RegisterGrainTimer(_ => FireAsync(name), NonNegative(at - time.GetUtcNow()), Timeout.InfiniteTimeSpan);
    }

    /// <summary>The deadline no longer matters: its timer stops and its reminder goes.</summary>
    public async Task ClearAsync(string name)
    {
        Disarm(name);
        if (await grain.GetReminder(name) is { } reminder) await grain.UnregisterReminder(reminder);
    }

    /// <summary>The deadline's timer fired, or its reminder did (the grain's <c>ReceiveReminder</c> calls this).</summary>
    public async Task FireAsync(string name)
    {
        Disarm(name);
        await onDue(name);
    }

    /// <summary>Stops this activation's timer of the deadline; a stored reminder of it stays.</summary>
    public void Disarm(string name)
    {
        if (timers.Remove(name, out var timer)) timer.Dispose();
    }

    private static TimeSpan NonNegative(TimeSpan span) => span < TimeSpan.Zero ? TimeSpan.Zero : span;
}
