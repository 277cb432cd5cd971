using Contact.Orleans.Runtime.Storage;
using Microsoft.Extensions.Logging;

namespace Contact.Orleans.Runtime.Reminders;

/// <summary>
/// Durable reminders. Every reminder is a row; the rows due within the look-ahead window are
/// also held in memory, ordered by due time, behind one timer. A due reminder activates its
/// grain and calls IRemindable.ReceiveReminder as a turn. A one-shot reminder is deleted only
/// after the grain handled it; one that failed is retried after the retry delay.
/// </summary>
public sealed class ReminderService : IDisposable
{
    private readonly object gate = new();
    private readonly IGrainStorage storage;
    private readonly TimeProvider time;
    private readonly RuntimeOptions options;
    private readonly ILogger logger;
    private readonly Func<GrainId, string, TickStatus, Task> deliver;
    private readonly Dictionary<(GrainId, string), ReminderRow> known = [];
    private readonly PriorityQueue<ReminderRow, DateTimeOffset> schedule = new();
    private readonly List<Task> inFlight = [];
    private ITimer? dueTimer;
    private ITimer? windowTimer;
    private DateTimeOffset loadedUntil = DateTimeOffset.MinValue;
    private bool stopped;

    internal ReminderService(IGrainStorage storage, TimeProvider time, RuntimeOptions options, ILogger logger,
        Func<GrainId, string, TickStatus, Task> deliver)
    {
        this.storage = storage;
        this.time = time;
        this.options = options;
        this.logger = logger;
        this.deliver = deliver;
    }

    public async Task StartAsync()
    {
        dueTimer = time.CreateTimer(static s => ((ReminderService)s!).FireDue(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        await LoadWindowAsync().ConfigureAwait(false);
        var rescan = options.ReminderWindow / 2;
        windowTimer = time.CreateTimer(static s =>
        {
            var service = (ReminderService)s!;
            service.TrackWork(service.LoadWindowAsync());
        }, this, rescan, rescan);
    }

    public async Task RegisterOrUpdateAsync(GrainId id, string name, TimeSpan dueTime, TimeSpan period)
    {
        var row = new ReminderRow(id, name, time.GetUtcNow() + dueTime, period);
        await storage.UpsertReminderAsync(row).ConfigureAwait(false);
        lock (gate)
        {
            if (row.DueAt < loadedUntil) Hold(row);
            else known.Remove((id, name));
            Rearm();
        }
    }

    public async Task UnregisterAsync(GrainId id, string name)
    {
        await storage.DeleteReminderAsync(id, name).ConfigureAwait(false);
        lock (gate) known.Remove((id, name));
    }

    /// <summary>Completes when the reminders fired so far have been handled (tests move time, then wait here).</summary>
    public Task WhenIdleAsync()
    {
        lock (gate) return Task.WhenAll(inFlight.ToArray());
    }

    public void Dispose()
    {
        lock (gate) stopped = true;
        dueTimer?.Dispose();
        windowTimer?.Dispose();
    }

    private async Task LoadWindowAsync()
    {
        var until = time.GetUtcNow() + options.ReminderWindow;
        var rows = await storage.ReadRemindersDueBeforeAsync(until).ConfigureAwait(false);
        lock (gate)
        {
            foreach (var row in rows)
            {
                // Rows already held are newer or equal; a registration racing this read wins.
                if (!known.ContainsKey((row.Id, row.Name))) Hold(row);
            }
            if (until > loadedUntil) loadedUntil = until;
            Rearm();
        }
    }

    /// <summary>Remembers background work until it ends, for <see cref="WhenIdleAsync"/>.</summary>
    private void TrackWork(Task work)
    {
        lock (gate) inFlight.Add(work);
        work.ContinueWith(done =>
        {
            lock (gate) inFlight.Remove(done);
        }, TaskScheduler.Default);
    }

    private void Hold(ReminderRow row)
    {
        known[(row.Id, row.Name)] = row;
        schedule.Enqueue(row, row.DueAt);
    }

    private void Rearm()
    {
        if (stopped) return;
        while (schedule.TryPeek(out var head, out _) && !IsCurrent(head)) schedule.Dequeue();
        if (!schedule.TryPeek(out _, out var dueAt)) return;
        var wait = dueAt - time.GetUtcNow();
        dueTimer?.Change(wait < TimeSpan.Zero ? TimeSpan.Zero : wait, Timeout.InfiniteTimeSpan);
    }

    private bool IsCurrent(ReminderRow row) => known.TryGetValue((row.Id, row.Name), out var current) && ReferenceEquals(current, row);

    private void FireDue()
    {
        var now = time.GetUtcNow();
        lock (gate)
        {
            if (stopped) return;
            while (schedule.TryPeek(out var row, out var dueAt) && dueAt <= now)
            {
                schedule.Dequeue();
                if (!IsCurrent(row)) continue;
                known.Remove((row.Id, row.Name));
                TrackWork(FireAsync(row, now));
            }
            Rearm();
        }
    }

    private async Task FireAsync(ReminderRow row, DateTimeOffset now)
    {
        ReminderRow? next;
        try
        {
            await deliver(row.Id, row.Name, new TickStatus(row.DueAt, row.Period, now)).ConfigureAwait(false);
            next = row.Period > TimeSpan.Zero ? row with { DueAt = NextTick(row, now) } : null;
        }
        catch (Exception error)
        {
            logger.LogError(error, "Reminder {Name} of {Grain} failed; retrying in {Delay}", row.Name, row.Id, options.ReminderRetryDelay);
            next = row with { DueAt = now + options.ReminderRetryDelay };
        }
        try
        {
            await CommitNextAsync(row, next).ConfigureAwait(false);
        }
        catch (Exception error)
        {
            logger.LogError(error, "Could not store the next tick of reminder {Name} of {Grain}", row.Name, row.Id);
        }
    }

    private async Task CommitNextAsync(ReminderRow fired, ReminderRow? next)
    {
        lock (gate)
        {
            // The grain registered this reminder again while handling it: that registration stands.
            if (known.ContainsKey((fired.Id, fired.Name))) return;
        }
        if (next is null)
        {
            await storage.DeleteReminderAsync(fired.Id, fired.Name, fired.DueAt).ConfigureAwait(false);
            return;
        }
        await storage.UpsertReminderAsync(next).ConfigureAwait(false);
        lock (gate)
        {
            if (known.ContainsKey((fired.Id, fired.Name))) return;
            if (next.DueAt < loadedUntil) Hold(next);
            Rearm();
        }
    }

    private static DateTimeOffset NextTick(ReminderRow row, DateTimeOffset now)
    {
        var missed = Math.Max(0, (now - row.DueAt).Ticks / row.Period.Ticks);
        return row.DueAt + TimeSpan.FromTicks((missed + 1) * row.Period.Ticks);
    }
}
