using System.Text.RegularExpressions;
using Contact.Api.Problems;

namespace Contact.Api.Calls;

/// <summary>DTMF digits as Twilio plays them: 0-9, * and #, and w for a half-second pause.</summary>
public static partial class CallDigits
{
    public const int MaxLength = 32;

    public static bool IsValid(string? digits) => digits is not null && Pattern.IsMatch(digits);

    /// <summary>The refusal of digits Twilio would not play; null when they are fine.</summary>
    public static IResult? Check(string? digits) => IsValid(digits)
        ? null
        : Problem.Invalid("validation-failed", "Not DTMF digits.",
            new Dictionary<string, string[]> { ["digits"] = [$"1 to {MaxLength} of 0-9, *, # and w (a half-second pause)"] });

    [GeneratedRegex("^[0-9*#w]{1,32}$")]
    private static partial Regex Pattern { get; }
}
