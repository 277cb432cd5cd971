namespace Contact.Orleans.Grains.Interfaces;

/// <summary>What kind of refusal an error is; the API turns it into a status code.</summary>
public enum ErrorKind
{
    Invalid,
    NotFound,
    Conflict,
    Forbidden,

    /// <summary>An outside service (the SMS provider) refused or gave an unclear answer.</summary>
    Upstream,

    /// <summary>A part the request needs is not set up or not reachable now.</summary>
    Unavailable,
}

/// <summary>
/// A rule of the domain said no. <see cref="Code"/> is stable and documented; front ends
/// switch on it. Nothing was changed when this is thrown.
/// </summary>
public class ContactException(string code, ErrorKind kind, string message, IReadOnlyDictionary<string, object?>? details = null)
    : Exception(message)
{
    public string Code { get; } = code;
    public ErrorKind Kind { get; } = kind;
    public IReadOnlyDictionary<string, object?> Details { get; } = details ?? new Dictionary<string, object?>();
}
