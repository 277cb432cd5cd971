namespace Contact.Grains.Interfaces;

/// <summary>What kind of refusal an error is; the API turns it into a status code.</summary>
[GenerateSerializer, Alias("Contact.ErrorKind")]
public enum ErrorKind
{
    Invalid,
    NotFound,
    Conflict,
    Forbidden,
    /// <summary>The request is well formed, but what it asks cannot be done (an outside service refused it for what it says).</summary>
    Unprocessable,
    /// <summary>An outside service (the SMS provider) failed or gave an unclear answer.</summary>
    Upstream,
    /// <summary>A part the request needs is not set up or not reachable now.</summary>
    Unavailable,
    /// <summary>Too many attempts in a short time; a later one may pass.</summary>
    Throttled,
}

/// <summary>
/// A rule of the domain said no. <see cref="Code"/> is stable and documented; front ends
/// switch on it. Nothing was changed when this is thrown. It crosses silos with its code, kind
/// and details.
/// </summary>
[GenerateSerializer, Alias("Contact.ContactException")]
public sealed class ContactException : Exception
{
    public ContactException(string code, ErrorKind kind, string message, IReadOnlyDictionary<string, object?>? details = null)
        : base(message)
    {
        Code = code;
        Kind = kind;
        Details = details is null ? [] : new Dictionary<string, object?>(details);
    }

    [Id(0)]
    public string Code { get; private set; }

    [Id(1)]
    public ErrorKind Kind { get; private set; }

    /// <summary>Values are strings, numbers, arrays and dictionaries of them: what problem details carry.</summary>
    [Id(2)]
    public Dictionary<string, object?> Details { get; private set; }
}
