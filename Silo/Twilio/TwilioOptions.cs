namespace Contact.Silo.Twilio;

/// <summary>The <c>Contact:Twilio</c> settings. Without AccountSid and AuthToken the server runs without SMS.</summary>
public sealed class TwilioOptions
{
    public string? AccountSid { get; set; }
    public string? AuthToken { get; set; }

    /// <summary>Twilio's REST API; a stand-in's address in tests.</summary>
    public string BaseUrl { get; set; } = "https://api.twilio.com";

    /// <summary>
    /// The address Twilio reaches this server at (scheme, host, port, no path), as configured on
    /// the Twilio number. Status callbacks go there, and webhook signatures are checked against it,
    /// because behind a proxy the request's own URL is not the one Twilio signed.
    /// </summary>
    public string? PublicUrl { get; set; }

    /// <summary>Retries of a send that Twilio answered with 429 or 5xx.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>The first retry's delay; it doubles (with jitter) for each further retry, unless Twilio sends Retry-After.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How long one attempt may take; a send that times out is not retried (it may have gone out).</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// An API key (its sid and secret) that signs the access tokens of agents' browser softphones,
    /// and the TwiML application their outgoing calls go through. Without them the server issues
    /// no voice tokens (<c>voice-token-not-configured</c>); external phones still work.
    /// </summary>
    public string? ApiKeySid { get; set; }
    public string? ApiKeySecret { get; set; }
    public string? TwimlAppSid { get; set; }

    /// <summary>How long a softphone's access token is good for; the desktop asks for a new one before it runs out.</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromHours(1);

    public bool IssuesAccessTokens => IsConfigured && !string.IsNullOrWhiteSpace(ApiKeySid) && !string.IsNullOrWhiteSpace(ApiKeySecret);

    public bool IsConfigured => !string.IsNullOrWhiteSpace(AccountSid) && !string.IsNullOrWhiteSpace(AuthToken);
}
