namespace Contact.Grains.Interfaces;

/// <summary>A customer: identity, addresses on every channel, and the ban that covers all of them.</summary>
[Alias("Contact.ICustomerGrain")]
public interface ICustomerGrain : IGrainWithStringKey
{
    /// <summary><c>customer-not-found</c> when nobody has registered this customer.</summary>
    [Idempotent]
    [Alias("GetView")]
    Task<CustomerView> GetView();

    /// <summary>Creates the customer or adds the addresses it did not have yet.</summary>
    [Alias("Register")]
    Task<CustomerView> Register(CustomerContact contact);

    [Alias("IsBanned")]
    Task<bool> IsBanned();

    [Alias("Ban")]
    Task<CustomerView> Ban(string reason, string by);

    [Alias("Unban")]
    Task<CustomerView> Unban(string by);

    /// <summary>The customer texted STOP (true) or START (false) from <paramref name="phone"/> (E.164).</summary>
    [Alias("SetSmsOptOut")]
    Task SetSmsOptOut(string phone, bool optedOut);

    [Alias("IsSmsOptedOut")]
    Task<bool> IsSmsOptedOut(string phone);
}

/// <summary>One normalised address (key "email:...", "phone:...", "visitor:...") and the customer it belongs to.</summary>
[Alias("Contact.ICustomerAddressGrain")]
public interface ICustomerAddressGrain : IGrainWithStringKey
{
    [Alias("GetCustomerId")]
    Task<string?> GetCustomerId();

    /// <summary>Binds the address to the customer unless it belongs to someone already; returns the owner.</summary>
    [Alias("Claim")]
    Task<string> Claim(string customerId);
}
