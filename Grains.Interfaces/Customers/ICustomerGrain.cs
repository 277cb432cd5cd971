using Contact.Orleans.Runtime;

namespace Contact.Orleans.Grains.Interfaces;

/// <summary>A customer: identity, addresses on every channel, and the ban that covers all of them.</summary>
public interface ICustomerGrain : IGrainWithStringKey
{
    /// <summary><c>customer-not-found</c> when nobody has registered this customer.</summary>
    Task<CustomerView> GetView();

    /// <summary>Creates the customer or adds the addresses it did not have yet.</summary>
    Task<CustomerView> Register(CustomerContact contact);

    Task<bool> IsBanned();

    Task<CustomerView> Ban(string reason, string by);

    Task<CustomerView> Unban(string by);

    /// <summary>The customer texted STOP (true) or START (false) from <paramref name="phone"/> (E.164).</summary>
    Task SetSmsOptOut(string phone, bool optedOut);

    Task<bool> IsSmsOptedOut(string phone);
}

/// <summary>One normalised address (key "email:...", "phone:...", "visitor:...") and the customer it belongs to.</summary>
public interface ICustomerAddressGrain : IGrainWithStringKey
{
    Task<string?> GetCustomerId();

    /// <summary>Binds the address to the customer unless it belongs to someone already; returns the owner.</summary>
    Task<string> Claim(string customerId);
}
