using System.Text.RegularExpressions;
using Contact.Api.Problems;

namespace Contact.Api;

/// <summary>Ids in paths and bodies (agents, users, services, chats, customers).</summary>
public static partial class Ids
{
    public const string Rule = "1 to 64 letters, digits, '.', '-' or '_'";

    public static bool IsValid(string id) => Pattern().IsMatch(id);

    /// <summary>400 <c>invalid-id</c> for a malformed id of <paramref name="kind"/> in <paramref name="field"/>.</summary>
    public static IResult Invalid(string kind, string field) =>
        Problem.Invalid("invalid-id", $"{kind} ids are {Rule}.", new Dictionary<string, string[]> { [field] = ["invalid"] });

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex Pattern();
}
