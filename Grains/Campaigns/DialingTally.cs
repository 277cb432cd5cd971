using Contact.Grains.Interfaces;

namespace Contact.Grains.Campaigns;

/// <summary>One day's counts of a campaign's own dialing, kept with the campaign.</summary>
public sealed class DialingDay
{
    public long Dials { get; set; }
    public long Answers { get; set; }
    public long Machines { get; set; }
    public long Abandons { get; set; }
    public long Connects { get; set; }
    public double WaitSeconds { get; set; }
    public double HandleSeconds { get; set; }
}

/// <summary>
/// A campaign's dialing counted by UTC day, for its stats and for the abandon limit, which the
/// rules measure over 30 days. Days older than that are dropped as new ones begin.
/// </summary>
public static class DialingTally
{
    public static readonly TimeSpan Window = TimeSpan.FromDays(30);

    /// <summary>Today's counts, created when it is the day's first; days past the window go.</summary>
    public static DialingDay Today(Dictionary<string, DialingDay> days, DateTimeOffset now)
    {
        var key = Key(now);
        if (days.TryGetValue(key, out var today)) return today;
        var oldest = Key(now - Window);
        foreach (var past in days.Keys.Where(day => string.CompareOrdinal(day, oldest) <= 0).ToList()) days.Remove(past);
        return days[key] = new DialingDay();
    }

    /// <summary>The window's sums.</summary>
    public static DialingStats Stats(Dictionary<string, DialingDay> days, DateTimeOffset now)
    {
        var oldest = Key(now - Window);
        var window = days.Where(day => string.CompareOrdinal(day.Key, oldest) > 0).Select(day => day.Value).ToList();
        long Sum(Func<DialingDay, long> count) => window.Sum(count);
        var (answers, abandons, connects) = (Sum(d => d.Answers), Sum(d => d.Abandons), Sum(d => d.Connects));
        var (wait, handle) = (window.Sum(d => d.WaitSeconds), window.Sum(d => d.HandleSeconds));
        return new DialingStats(Sum(d => d.Dials), answers, Sum(d => d.Machines), abandons, answers == 0 ? 0 : (double)abandons / answers, connects,
            wait + handle == 0 ? 0 : handle / (wait + handle), connects == 0 ? 0 : wait / connects);
    }

    private static string Key(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd");
}
