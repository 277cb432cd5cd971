using Contact.Grains.Interfaces;
using NodaTime;
using NodaTime.Text;

namespace Contact.Grains.Campaigns;

/// <summary>
/// Calling hours in the customer's own time. NodaTime carries its own copy of the IANA time zone
/// database, so a record's zone means the same on every machine, whatever the OS has installed.
/// </summary>
public static class CallingClock
{
    private static readonly LocalTimePattern hourMinute = LocalTimePattern.CreateWithInvariantCulture("HH':'mm");

    public static bool IsKnownZone(string zoneId) => DateTimeZoneProviders.Tzdb.GetZoneOrNull(zoneId) is not null;

    public static bool TryParseTime(string text, out LocalTime time)
    {
        var parsed = hourMinute.Parse(text);
        time = parsed.Success ? parsed.Value : default;
        return parsed.Success;
    }

    /// <summary>True when the customer's local time at <paramref name="at"/> is inside the hours.</summary>
    public static bool IsOpen(CallingHours hours, string zoneId, DateTimeOffset at)
    {
        var (from, to) = Window(hours);
        var local = Instant.FromDateTimeOffset(at).InZone(Zone(zoneId)).TimeOfDay;
        return from < to ? local >= from && local < to : local >= from || local < to;
    }

    /// <summary>The first moment at or after <paramref name="after"/> that is inside the hours.</summary>
    public static DateTimeOffset NextOpening(CallingHours hours, string zoneId, DateTimeOffset after)
    {
        if (IsOpen(hours, zoneId, after)) return after;
        var zone = Zone(zoneId);
        var (from, _) = Window(hours);
        var date = Instant.FromDateTimeOffset(after).InZone(zone).Date;
        // Today's opening if it is still ahead, else tomorrow's; a daylight-saving gap moves it later.
        for (var day = 0; day < 3; day++)
        {
            var opening = zone.AtLeniently(date.PlusDays(day).At(from)).ToDateTimeOffset();
            if (opening > after) return opening;
        }
        return after.AddDays(1);
    }

    private static (LocalTime From, LocalTime To) Window(CallingHours hours)
    {
        TryParseTime(hours.From, out var from);
        TryParseTime(hours.To, out var to);
        return (from, to);
    }

    private static DateTimeZone Zone(string zoneId) => DateTimeZoneProviders.Tzdb.GetZoneOrNull(zoneId) ?? DateTimeZone.Utc;
}
