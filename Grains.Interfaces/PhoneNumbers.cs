using System.Text.RegularExpressions;

namespace Contact.Grains.Interfaces;

public static partial class PhoneNumbers
{
    // Calling code and national number lengths of the countries calling lists come from most;
    // a list of another country gives numbers in international form (+ or 00).
    private static readonly Dictionary<string, (string Code, int MinDigits, int MaxDigits)> countries = new(StringComparer.OrdinalIgnoreCase)
    {
        ["US"] = ("1", 10, 10), ["CA"] = ("1", 10, 10), ["GB"] = ("44", 9, 10), ["IE"] = ("353", 7, 9),
        ["DE"] = ("49", 6, 11), ["FR"] = ("33", 9, 9), ["ES"] = ("34", 9, 9), ["IT"] = ("39", 6, 11),
        ["NL"] = ("31", 9, 9), ["BE"] = ("32", 8, 9), ["CH"] = ("41", 9, 9), ["AT"] = ("43", 4, 13),
        ["SE"] = ("46", 7, 9), ["NO"] = ("47", 8, 8), ["DK"] = ("45", 8, 8), ["FI"] = ("358", 5, 10),
        ["PL"] = ("48", 9, 9), ["PT"] = ("351", 9, 9), ["AU"] = ("61", 9, 9), ["NZ"] = ("64", 8, 10),
        ["IN"] = ("91", 10, 10), ["MX"] = ("52", 10, 10), ["BR"] = ("55", 10, 11), ["ZA"] = ("27", 9, 9),
    };

    public static IReadOnlyCollection<string> Countries => countries.Keys;

    public static bool IsKnownCountry(string country) => countries.ContainsKey(country);

    /// <summary>E.164: a plus, then 8 to 15 digits, the first not zero.</summary>
    public static bool IsE164(string number) => E164().IsMatch(number);

    /// <summary>What a customer may type: digits with spaces, dashes, dots or parentheses, 7 to 15 digits.</summary>
    public static bool IsDialable(string number) =>
        Dialable().IsMatch(number) && number.Count(char.IsAsciiDigit) is >= 7 and <= 15;

    /// <summary>
    /// A number as people write it, in E.164. International forms (+44..., 0044...) keep their
    /// country; a national number gets <paramref name="country"/>'s calling code, without its
    /// trunk 0. North American numbers must have a real area code and exchange (2-9 first).
    /// </summary>
    public static bool TryNormalize(ReadOnlySpan<char> raw, string country, out string e164)
    {
        e164 = "";
        Span<char> digits = stackalloc char[20];
        var count = 0;
        var plus = false;
        foreach (var c in raw.Trim())
        {
            if (char.IsAsciiDigit(c))
            {
                if (count == digits.Length) return false;
                digits[count++] = c;
            }
            else if (c == '+' && count == 0 && !plus) plus = true;
            else if (c is not (' ' or '-' or '.' or '(' or ')' or '/')) return false;
        }
        ReadOnlySpan<char> number = digits[..count];
        string full;
        if (plus) full = number.ToString();
        else if (number.StartsWith("00")) full = number[2..].ToString();
        else
        {
            if (!countries.TryGetValue(country, out var home)) return false;
            if (home.Code == "1" && number.Length == 11 && number[0] == '1') number = number[1..];
            else if (home.Code != "1" && number.Length > 0 && number[0] == '0') number = number[1..];
            if (number.Length < home.MinDigits || number.Length > home.MaxDigits) return false;
            full = home.Code + number.ToString();
        }
        if (full.Length is < 8 or > 15 || full[0] == '0') return false;
        if (full[0] == '1' && (full.Length != 11 || full[1] < '2' || full[4] < '2')) return false;
        e164 = "+" + full;
        return true;
    }

    [GeneratedRegex(@"^\+[1-9][0-9]{7,14}$")]
    private static partial Regex E164();

    [GeneratedRegex(@"^\+?[0-9 ().-]+$")]
    private static partial Regex Dialable();
}
