using Contact.Grains.Interfaces;
using Contact.Storage;

namespace Contact.Grains.Customers;

/// <summary>A customer and the ban that holds on every channel, since every channel finds the customer by address.</summary>
[GrainType("customer")]
public sealed class CustomerGrain([PersistentState("customer", ContactGrainStorage.Name)] IPersistentState<CustomerRecord> state, TimeProvider time)
    : Grain, ICustomerGrain
{
    private CustomerRecord Customer => state.State;

    public Task<CustomerView> GetView()
    {
        EnsureExists();
        return Task.FromResult(View());
    }

    public async Task<CustomerView> Register(CustomerContact contact)
    {
        var changed = !state.RecordExists;
        if (!string.IsNullOrWhiteSpace(contact.Name) && Customer.Name != contact.Name.Trim())
        {
            Customer.Name = contact.Name.Trim();
            changed = true;
        }
        changed |= AddAddress(Customer.Emails, contact.Email?.Trim().ToLowerInvariant());
        changed |= AddAddress(Customer.Phones, contact.Phone is null ? null : CustomerAddresses.PhoneDigits(contact.Phone));
        changed |= AddAddress(Customer.VisitorIds, contact.VisitorId?.Trim());
        if (changed) await state.WriteStateAsync();
        return View();
    }

    public Task<bool> IsBanned() => Task.FromResult(Customer.Ban is not null);

    public async Task<CustomerView> Ban(string reason, string by)
    {
        EnsureExists();
        if (Customer.Ban is not null) return View();
        Customer.Ban = new CustomerBan(reason, by, time.GetUtcNow());
        await state.WriteStateAsync();
        return View();
    }

    public async Task<CustomerView> Unban(string by)
    {
        EnsureExists();
        if (Customer.Ban is null) return View();
        Customer.Ban = null;
        await state.WriteStateAsync();
        return View();
    }

    public async Task SetSmsOptOut(string phone, bool optedOut)
    {
        var number = CustomerAddresses.PhoneDigits(phone);
        var changed = optedOut ? AddAddress(Customer.SmsOptedOut, number) : Customer.SmsOptedOut.Remove(number);
        if (changed) await state.WriteStateAsync();
    }

    public Task<bool> IsSmsOptedOut(string phone) => Task.FromResult(Customer.SmsOptedOut.Contains(CustomerAddresses.PhoneDigits(phone)));

    private static bool AddAddress(List<string> addresses, string? address)
    {
        if (string.IsNullOrEmpty(address) || addresses.Contains(address)) return false;
        addresses.Add(address);
        return true;
    }

    private void EnsureExists()
    {
        if (!state.RecordExists)
        {
            throw new ContactException("customer-not-found", ErrorKind.NotFound, $"Customer '{this.GetPrimaryKeyString()}' does not exist.",
                new Dictionary<string, object?> { ["customerId"] = this.GetPrimaryKeyString() });
        }
    }

    private CustomerView View() => new(this.GetPrimaryKeyString(), Customer.Name, [.. Customer.Emails], [.. Customer.Phones],
        [.. Customer.VisitorIds], Customer.Ban is not null, Customer.Ban, [.. Customer.SmsOptedOut]);
}
