namespace Contact.Grains.Interfaces;

/// <summary>
/// Twilio's message statuses in the order a message goes through them. Callbacks arrive out of
/// order, so a status only replaces one of a lower rank: a late "sent" never hides "delivered".
/// </summary>
public static class SmsStatus
{
    public const string Queued = "queued";
    public const string Sent = "sent";
    public const string Delivered = "delivered";
    public const string Undelivered = "undelivered";
    public const string Failed = "failed";

    private static readonly Dictionary<string, int> Ranks = new(StringComparer.Ordinal)
    {
        ["accepted"] = 0,
        ["scheduled"] = 0,
        [Queued] = 0,
        ["sending"] = 1,
        [Sent] = 2,
        [Delivered] = 3,
        [Undelivered] = 3,
        [Failed] = 3,
        ["canceled"] = 3,
        ["partially_delivered"] = 3,
        ["read"] = 4,
    };

    /// <summary>True when <paramref name="next"/> moves the message forward from <paramref name="current"/>.</summary>
    public static bool Advances(string current, string next) =>
        Ranks.TryGetValue(next, out var to) && (!Ranks.TryGetValue(current, out var from) || to > from);
}
