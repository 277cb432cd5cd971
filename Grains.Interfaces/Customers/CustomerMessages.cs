namespace Contact.Grains.Interfaces;

/// <summary>How a customer can be recognised: any of these finds the same customer again.</summary>
[GenerateSerializer, Immutable, Alias("Contact.CustomerContact")]
public sealed record CustomerContact(string? Name, string? Email, string? Phone, string? VisitorId);

[GenerateSerializer, Immutable, Alias("Contact.CustomerBan")]
public sealed record CustomerBan(string Reason, string By, DateTimeOffset At);

[GenerateSerializer, Immutable, Alias("Contact.CustomerView")]
public sealed record CustomerView(
    string Id,
    string? Name,
    string[] Emails,
    string[] Phones,
    string[] VisitorIds,
    bool Banned,
    CustomerBan? Ban,
    string[] SmsOptedOut);

/// <summary>Normalised customer addresses, the keys of <see cref="ICustomerAddressGrain"/>.</summary>
public static class CustomerAddresses
{
    public static string Email(string email) => "email:" + email.Trim().ToLowerInvariant();

    /// <summary>Digits only, with a leading + when given: "+1 (555) 010-0000" and "+15550100000" are one address.</summary>
    public static string Phone(string phone) => "phone:" + PhoneDigits(phone);

    /// <summary>The phone number as stored: digits only, with a leading + when given.</summary>
    public static string PhoneDigits(string phone) =>
        (phone.TrimStart().StartsWith('+') ? "+" : "") + new string(phone.Where(char.IsAsciiDigit).ToArray());

    public static string Visitor(string visitorId) => "visitor:" + visitorId.Trim();

    public static IEnumerable<string> Of(CustomerContact contact)
    {
        if (!string.IsNullOrWhiteSpace(contact.VisitorId)) yield return Visitor(contact.VisitorId);
        if (!string.IsNullOrWhiteSpace(contact.Email)) yield return Email(contact.Email);
        if (!string.IsNullOrWhiteSpace(contact.Phone)) yield return Phone(contact.Phone);
    }
}
