using Contact.Grains.Interfaces;
using Contact.Storage;

namespace Contact.Grains.Customers;

/// <summary>An address points at one customer for good: the first to claim it owns it.</summary>
[GrainType("customer-address")]
public sealed class CustomerAddressGrain([PersistentState("address", ContactGrainStorage.Name)] IPersistentState<CustomerAddressRecord> state)
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
