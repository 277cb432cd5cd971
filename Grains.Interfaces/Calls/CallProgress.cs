namespace Contact.Grains.Interfaces;

/// <summary>Twilio's call statuses in the order a call leg goes through them; every final one ends the leg.</summary>
public static class CallProgress
{
    public const string InProgress = "in-progress";
    public const string Completed = "completed";

    private const int Final = 4;

    private static readonly Dictionary<string, int> order = new(StringComparer.Ordinal)
    {
        ["queued"] = 0,
        ["initiated"] = 1,
        ["ringing"] = 2,
        [InProgress] = 3,
        [Completed] = Final,
        ["busy"] = Final,
        ["failed"] = Final,
        ["no-answer"] = Final,
        ["canceled"] = Final,
    };

    public static IEnumerable<string> All => order.Keys;

    public static bool IsKnown(string status) => order.ContainsKey(status);

    public static bool IsFinal(string status) => order.GetValueOrDefault(status) == Final;

    /// <summary>True when <paramref name="next"/> comes after <paramref name="current"/>: a repeat or an earlier status changes nothing.</summary>
    public static bool MovesForward(string current, string next) =>
        order.TryGetValue(next, out var to) && (!order.TryGetValue(current, out var from) || to > from);
}
