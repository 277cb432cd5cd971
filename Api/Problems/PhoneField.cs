using Contact.Grains.Phones;

namespace Contact.Api.Problems;

/// <summary>A phone number field of a request, read by libphonenumber into E.164.</summary>
internal static class PhoneField
{
    /// <summary>
    /// The E.164 form of <paramref name="raw"/> (national numbers read as <paramref name="region"/>'s;
    /// null region: international form only), or null with the reason under <paramref name="field"/> in <paramref name="errors"/>.
    /// </summary>
    public static string? Read(string? raw, string? region, string field, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            errors[field] = ["required: a phone number"];
            return null;
        }
        var reading = PhoneNumberReader.Read(raw, region);
        if (!reading.IsNumber) errors[field] = [$"a phone number: {reading.Problem}"];
        return reading.E164;
    }
}
