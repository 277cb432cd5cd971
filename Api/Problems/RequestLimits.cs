namespace Contact.Api.Problems;

/// <summary>The size limits every request meets (docs/api.md, "Limits").</summary>
public static class RequestLimits
{
    /// <summary>Any body but a calling list (which streams) and a Twilio webhook (64 KB).</summary>
    public const int MaxBodyBytes = 1024 * 1024;
}
