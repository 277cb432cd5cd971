using Contact.Grains.Interfaces;

namespace Contact.Grains.Customers;

/// <summary>A customer found by address, whether a ban covers them, and their name (not told for a banned one).</summary>
public sealed record FoundCustomer(string CustomerId, bool Banned)
{
    public string? Name { get; init; }
}

/// <summary>Finds who a contact is, the same way on every channel, so that one ban holds on all of them.</summary>
internal static class CustomerLookup
{
    /// <summary>
    /// Finds the customer by any known address, or registers a new one with these addresses. A
    /// banned customer is answered as such and nothing is stored for them.
    /// </summary>
    public static async Task<FoundCustomer> ResolveAsync(IGrainFactory grains, CustomerContact contact)
    {
        var addresses = CustomerAddresses.Of(contact).Select(a => grains.GetGrain<ICustomerAddressGrain>(a)).ToList();
        var owners = (await Task.WhenAll(addresses.Select(a => a.GetCustomerId()))).OfType<string>().Distinct().ToList();
        foreach (var owner in owners)
        {
            if (await grains.GetGrain<ICustomerGrain>(owner).IsBanned()) return new FoundCustomer(owner, Banned: true);
        }
        var customerId = owners.FirstOrDefault() ?? Guid.NewGuid().ToString("N");
        // The record and its addresses are written side by side, not one after the other: an
        // address stored without its record (a crash between the two) is healed by the next
        // contact from it, which comes through here and registers the customer it names.
        var registered = grains.GetGrain<ICustomerGrain>(customerId).Register(contact);
        await Task.WhenAll(addresses.Select(a => (Task)a.Claim(customerId)).Append(registered));
        return new FoundCustomer(customerId, Banned: false) { Name = (await registered).Name };
    }
}
