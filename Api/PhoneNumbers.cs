using System.Text.RegularExpressions;

namespace Contact.Orleans.Api;

public static partial class PhoneNumbers
{
    /// <summary>E.164: a plus, then 8 to 15 digits, the first not zero.</summary>
    public static bool IsE164(string number) => E164().IsMatch(number);

    /// <summary>What a customer may type: digits with spaces, dashes, dots or parentheses, 7 to 15 digits.</summary>
    public static bool IsDialable(string number) =>
        Dialable().IsMatch(number) && number.Count(char.IsAsciiDigit) is >= 7 and <= 15;

    [GeneratedRegex(@"^\+[1-9][0-9]{7,14}$")]
    private static partial Regex E164();

    [GeneratedRegex(@"^\+?[0-9 ().-]+$")]
    private static partial Regex Dialable();
}
