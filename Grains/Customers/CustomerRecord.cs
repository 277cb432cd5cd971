using Contact.Orleans.Grains.Interfaces;

namespace Contact.Orleans.Grains.Customers;

public sealed class CustomerRecord
{
    public string? Name { get; set; }
    public List<string> Emails { get; set; } = [];
    public List<string> Phones { get; set; } = [];
    public List<string> VisitorIds { get; set; } = [];
    public CustomerBan? Ban { get; set; }
}

public sealed class CustomerAddressRecord
{
    public string? CustomerId { get; set; }
}
