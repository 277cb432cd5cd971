namespace Contact.Tests.Support;

/// <summary>
/// A clock that moves only when a test says so; timers due by then fire during Advance. It keeps
/// whole milliseconds: Task.Delay truncates its delay to milliseconds, so a wait computed against
/// a sub-millisecond clock would come back at the same instant and loop for ever on a clock that
/// does not move by itself.
/// </summary>
public sealed class ManualTimeProvider(DateTimeOffset start) : TimeProvider
{
    private readonly object gate = new();
    private readonly List<ManualTimer> timers = [];
    private DateTimeOffset now = DateTimeOffset.FromUnixTimeMilliseconds(start.ToUnixTimeMilliseconds());

    public ManualTimeProvider() : this(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero))
    {
    }

    public override DateTimeOffset GetUtcNow()
    {
        lock (gate) return now;
    }

    public override long GetTimestamp() => GetUtcNow().UtcTicks;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Moves the clock forward step by step, firing every timer that comes due on the way.</summary>
    public void Advance(TimeSpan by)
    {
        DateTimeOffset target;
        lock (gate) target = now + by;
        while (true)
        {
            ManualTimer? next;
            lock (gate)
            {
                next = timers.Where(t => t.DueAt <= target).MinBy(t => t.DueAt);
                if (next is null)
                {
                    now = target;
                    return;
                }
                if (next.DueAt > now) now = next.DueAt;
                next.Advance();
            }
            next.Fire();
        }
    }

    private sealed class ManualTimer(ManualTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        private TimeSpan period = Timeout.InfiniteTimeSpan;

        public DateTimeOffset DueAt { get; private set; }

        public bool Change(TimeSpan dueTime, TimeSpan newPeriod)
        {
            lock (owner.gate)
            {
                owner.timers.Remove(this);
                period = newPeriod;
                if (dueTime == Timeout.InfiniteTimeSpan) return true;
                DueAt = owner.now + dueTime;
                owner.timers.Add(this);
            }
            return true;
        }

        /// <summary>Re-arms a periodic timer or retires a one-shot one, under the owner's lock.</summary>
        public void Advance()
        {
            owner.timers.Remove(this);
            if (period > TimeSpan.Zero && period != Timeout.InfiniteTimeSpan)
            {
                DueAt += period;
                owner.timers.Add(this);
            }
        }

        public void Fire() => callback(state);

        public void Dispose()
        {
            lock (owner.gate) owner.timers.Remove(this);
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
