using System.Text.RegularExpressions;

namespace Contact.Orleans.Api;

/// <summary>Ids in paths (agents, users): letters, digits, dot, dash and underscore, 1 to 64 characters.</summary>
public static partial class Ids
{
    public static bool IsValid(string id) => Pattern().IsMatch(id);

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex Pattern();
}
