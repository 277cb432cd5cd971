using Contact.Orleans.Grains.Interfaces;
using Contact.Orleans.Runtime;

namespace Contact.Orleans.Grains.Customers;

/// <summary>An address points at one customer for good: the first to claim it owns it.</summary>
public sealed class CustomerAddressGrain([PersistentState("address")] IPersistentState<CustomerAddressRecord> state)
    : Grain, ICustomerAddressGrain
{
    public Task<string?> GetCustomerId() => Task.FromResult(state.State.CustomerId);

    public async Task<string> Claim(string customerId)
    {
        if (state.State.CustomerId is null)
        {
            state.State.CustomerId = customerId;
            await state.WriteStateAsync();
        }
        return state.State.CustomerId;
    }
}
