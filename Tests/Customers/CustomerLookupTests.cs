using Contact.Grains.Interfaces;
using Contact.Tests.Support;

namespace Contact.Tests.Customers;

/// <summary>How a contact finds its customer when the customer's record and its addresses are written side by side.</summary>
public sealed class CustomerLookupTests : SiloTest
{
    [Fact]
    public async Task An_address_stored_without_its_customer_gets_the_customer_at_the_next_contact()
    {
        // What a crash between the two writes of a first contact leaves: the address names a customer that was never stored.
        await Silo.Grains.GetGrain<ICustomerAddressGrain>(CustomerAddresses.Email("ann@example.com")).Claim("ann-1");
        await Silo.Grains.GetGrain<IServiceQueueGrain>("sales").Configure(new ServiceConfig("Sales", [Channels.Chat], null, 30, null, false));

        var chat = await Silo.Grains.GetGrain<IChatSessionGrain>("chat-1")
            .Start(new ChatStart("sales", new CustomerContact("Ann", "Ann@example.com", null, null), "Hello", "token-hash"));

        Assert.Equal("ann-1", chat.CustomerId);
        var ann = await Silo.Grains.GetGrain<ICustomerGrain>("ann-1").GetView();
        Assert.Equal("Ann", ann.Name);
        Assert.Equal(["ann@example.com"], ann.Emails);
    }
}
