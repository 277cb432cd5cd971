namespace Contact.Grains.Interfaces;

/// <summary>The opt-out and opt-in keywords carriers and Twilio honour: the whole text, any case, nothing else.</summary>
public static class SmsKeywords
{
    private static readonly HashSet<string> OptOut = new(StringComparer.OrdinalIgnoreCase)
        { "STOP", "UNSUBSCRIBE", "END", "QUIT", "STOPALL", "REVOKE", "OPTOUT", "CANCEL" };

    private static readonly HashSet<string> OptIn = new(StringComparer.OrdinalIgnoreCase) { "START", "YES", "UNSTOP" };

    /// <summary>True for an opt-out, false for an opt-in, null for any other text.</summary>
    public static bool? OptsOut(string? text)
    {
        var word = text?.Trim();
        if (string.IsNullOrEmpty(word)) return null;
        if (OptOut.Contains(word)) return true;
        return OptIn.Contains(word) ? false : null;
    }
}
