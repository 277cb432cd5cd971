using Contact.Grains.Interfaces;

namespace Contact.Grains.Customers;

/// <summary>A customer found by address, and whether a ban covers them.</summary>
public sealed record FoundCustomer(string CustomerId, bool Banned);

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
        await grains.GetGrain<ICustomerGrain>(customerId).Register(contact);
        foreach (var address in addresses) await address.Claim(customerId);
        return new FoundCustomer(customerId, Banned: false);
    }
}
