using PhoneNumbers;

namespace Contact.Grains.Phones;

/// <summary>A number as people wrote it, read by libphonenumber: its E.164 form, or why it is not a number.</summary>
public readonly record struct PhoneReading(string? E164, string? Problem)
{
    public bool IsNumber => E164 is not null;

    /// <summary>libphonenumber's parse of a possible number, kept for the questions asked of it next (its time zone).</summary>
    internal PhoneNumber? Parsed { get; init; }
}

/// <summary>
/// Reads phone numbers with Google's libphonenumber (its numbering plans are updated every few
/// weeks; ours would not be). A number in international form (+44..., 0044... where the region
/// dials 00 out) keeps its country; a national one is read as <c>region</c>'s. Only a number
/// libphonenumber calls possible is taken: the right length for its country's plan. Validity
/// (an assigned range) is not asked, since lists and tests use unassigned ranges such as 555.
/// </summary>
public static class PhoneNumberReader
{
    private static readonly PhoneNumberUtil util = PhoneNumberUtil.GetInstance();
    private static readonly PhoneNumberToTimeZonesMapper zones = PhoneNumberToTimeZonesMapper.GetInstance();
    private static readonly HashSet<string> regions = new(util.GetSupportedRegions(), StringComparer.OrdinalIgnoreCase);

    /// <summary>An ISO 3166 region libphonenumber has a numbering plan for (US, GB, DE, IN, ...).</summary>
    public static bool IsKnownRegion(string region) => regions.Contains(region);

    /// <summary>
    /// The number in E.164. <paramref name="region"/> is the country national numbers belong to;
    /// null takes only numbers in international form (what Twilio sends).
    /// </summary>
    public static PhoneReading Read(string raw, string? region)
    {
        PhoneNumber number;
        try
        {
            number = util.Parse(raw, region?.ToUpperInvariant() ?? "ZZ");
        }
        catch (NumberParseException error)
        {
            return new PhoneReading(null, error.ErrorType switch
            {
                ErrorType.INVALID_COUNTRY_CODE when region is null => "not in international form (+ and the country code)",
                ErrorType.INVALID_COUNTRY_CODE => "no such country code",
                ErrorType.TOO_SHORT_NSN or ErrorType.TOO_SHORT_AFTER_IDD => "too short to be a phone number",
                ErrorType.TOO_LONG => "too long to be a phone number",
                _ => "not a phone number",
            });
        }
        if (number.HasExtension) return new PhoneReading(null, "it has an extension, which an E.164 number cannot hold");
        return util.IsPossibleNumberWithReason(number) switch
        {
            PhoneNumberUtil.ValidationResult.IS_POSSIBLE => new PhoneReading(util.Format(number, PhoneNumberFormat.E164), null) { Parsed = number },
            PhoneNumberUtil.ValidationResult.IS_POSSIBLE_LOCAL_ONLY => new PhoneReading(null, "a local number; give it with its area code"),
            PhoneNumberUtil.ValidationResult.INVALID_COUNTRY_CODE => new PhoneReading(null, "no such country code"),
            PhoneNumberUtil.ValidationResult.TOO_SHORT => new PhoneReading(null, $"too short for a number of {RegionOf(number)}"),
            PhoneNumberUtil.ValidationResult.TOO_LONG => new PhoneReading(null, $"too long for a number of {RegionOf(number)}"),
            _ => new PhoneReading(null, $"not a possible length for a number of {RegionOf(number)}"),
        };
    }

    /// <summary>The IANA time zone of a number read when libphonenumber knows exactly one for it (most US area codes, most countries), else null.</summary>
    public static string? TimeZoneOf(PhoneReading reading)
    {
        if (reading.Parsed is not { } number) return null;
        var found = zones.GetTimeZonesForNumber(number);
        return found.Count == 1 && found[0] != zones.GetUnknownTimeZone() ? found[0] : null;
    }

    private static string RegionOf(PhoneNumber number) => util.GetRegionCodeForNumber(number) is { } code && code != "ZZ" ? code : $"+{number.CountryCode}";
}
