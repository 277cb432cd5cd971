using System.Security.Claims;
using Contact.Api.Auth;
using Contact.Api.OpenApi;
using Contact.Api.Problems;
using Contact.Grains.Interfaces;
using Contact.Grains.Phones;

namespace Contact.Api.Customers;

public sealed record BanRequest(string? Reason);

/// <summary>Customers for supervisors: look up by id or address, ban and lift a ban.</summary>
public static class CustomersApi
{
    public const int MaxReasonLength = 500;

    public static IEndpointRouteBuilder MapCustomersApi(this IEndpointRouteBuilder routes)
    {
        var customers = routes.MapGroup("/api/v1/customers").RequireAuthorization(Policies.Supervisor).WithTags("Customers");
        customers.MapGet("/{id}", (string id, IGrainFactory grains) =>
            OnCustomer(id, grains, customer => customer.GetView()))
            .WithSummary("A customer").Produces<CustomerView>().RefusesLikeOnCustomer();
        customers.MapGet("/", Find).WithSummary("Find a customer by phone, email or visitor id").Produces<CustomerView>()
            .Refuses(StatusCodes.Status400BadRequest, "validation-failed").Refuses(StatusCodes.Status404NotFound, "customer-not-found");
        customers.MapPost("/{id}/ban", (string id, BanRequest request, ClaimsPrincipal caller, IGrainFactory grains) =>
            string.IsNullOrWhiteSpace(request.Reason) || request.Reason.Length > MaxReasonLength
                ? Task.FromResult(Problem.Invalid("validation-failed", "Say why the customer is banned.",
                    new Dictionary<string, string[]> { ["reason"] = [$"required, at most {MaxReasonLength} characters"] }))
                : OnCustomer(id, grains, customer => customer.Ban(request.Reason.Trim(), caller.Identity!.Name!)))
            .WithSummary("Ban a customer from starting chats")
            .Produces<CustomerView>().RefusesLikeOnCustomer().Refuses(StatusCodes.Status400BadRequest, "validation-failed");
        customers.MapDelete("/{id}/ban", (string id, ClaimsPrincipal caller, IGrainFactory grains) =>
            OnCustomer(id, grains, customer => customer.Unban(caller.Identity!.Name!)))
            .WithSummary("Lift a customer's ban").Produces<CustomerView>().RefusesLikeOnCustomer();
        return routes;
    }

    private static async Task<IResult> Find(string? phone, string? email, string? visitorId, IGrainFactory grains, PhoneOptions phones)
    {
        // An empty parameter (?phone=&email=x) is one not given.
        (phone, email, visitorId) = (NullIfBlank(phone), NullIfBlank(email), NullIfBlank(visitorId));
        var given = new[] { phone, email, visitorId }.Count(v => v is not null);
        if (given != 1)
        {
            return Problem.Invalid("validation-failed", "Search by exactly one of phone, email or visitorId.",
                new Dictionary<string, string[]> { ["phone"] = ["one of phone, email, visitorId"] });
        }
        if (phone is not null)
        {
            var errors = new Dictionary<string, string[]>();
            phone = PhoneField.Read(phone, phones.DefaultRegion, "phone", errors);
            if (phone is null) return Problem.Invalid("validation-failed", "Not a phone number.", errors);
        }
        var address = phone is not null ? CustomerAddresses.Phone(phone)
            : email is not null ? CustomerAddresses.Email(email)
            : CustomerAddresses.Visitor(visitorId!);
        var customerId = await grains.GetGrain<ICustomerAddressGrain>(address).GetCustomerId();
        return customerId is null
            ? Problem.Of(StatusCodes.Status404NotFound, "customer-not-found", "Not found.", "No customer has this address.")
            : Results.Ok(await grains.GetGrain<ICustomerGrain>(customerId).GetView());
    }

    private static RouteHandlerBuilder RefusesLikeOnCustomer(this RouteHandlerBuilder route) => route
        .Refuses(StatusCodes.Status400BadRequest, "invalid-id").Refuses(StatusCodes.Status404NotFound, "customer-not-found");

    private static async Task<IResult> OnCustomer(string id, IGrainFactory grains, Func<ICustomerGrain, Task<CustomerView>> call) =>
        Ids.IsValid(id)
            ? Results.Ok(await call(grains.GetGrain<ICustomerGrain>(id)))
            : Ids.Invalid("Customer", "id");

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
