using Contact.Grains.Interfaces;

namespace Contact.Grains.Customers;

public sealed class CustomerRecord
{
    public string? Name { get; set; }
    public List<string> Emails { get; set; } = [];
    public List<string> Phones { get; set; } = [];
    public List<string> VisitorIds { get; set; } = [];
    public CustomerBan? Ban { get; set; }

    /// <summary>The customer's phones that texted STOP: no SMS goes to them until they text START.</summary>
    public List<string> SmsOptedOut { get; set; } = [];
}

public sealed class CustomerAddressRecord
{
    public string? CustomerId { get; set; }
}
