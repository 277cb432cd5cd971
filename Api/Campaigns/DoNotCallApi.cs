using Contact.Api.Auth;
using Contact.Api.OpenApi;
using Contact.Api.Problems;
using Contact.Grains.Phones;
using Contact.Storage.Campaigns;

namespace Contact.Api.Campaigns;

/// <param name="Phone">The number in E.164.</param>
public sealed record DoNotCallEntry(string Phone, bool Listed);

/// <summary>The do not call list, shared by every campaign: imports reject its numbers and agents cannot dial them.</summary>
public static class DoNotCallApi
{
    public static IEndpointRouteBuilder MapDoNotCallApi(this IEndpointRouteBuilder routes)
    {
        var list = routes.MapGroup("/api/v1/dnc").RequireAuthorization(Policies.Admin).WithTags("Do not call")
            .Refuses(StatusCodes.Status400BadRequest, "validation-failed");
        list.MapPut("/{phone}", (string phone, DoNotCallList dnc, PhoneOptions phones) => OnNumber(phone, phones, async e164 =>
        {
            await dnc.AddAsync(e164, "admin");
            return Results.Ok(new DoNotCallEntry(e164, Listed: true));
        })).WithSummary("Put a number on the do not call list").Produces<DoNotCallEntry>();
        list.MapDelete("/{phone}", (string phone, DoNotCallList dnc, PhoneOptions phones) => OnNumber(phone, phones, async e164 =>
        {
            await dnc.RemoveAsync(e164);
            return Results.NoContent();
        })).WithSummary("Take a number off the do not call list").Produces(StatusCodes.Status204NoContent);
        list.MapGet("/{phone}", (string phone, DoNotCallList dnc, PhoneOptions phones) => OnNumber(phone, phones, async e164 =>
            Results.Ok(new DoNotCallEntry(e164, (await dnc.FindAsync([e164])).Count > 0))))
            .WithSummary("Whether a number is on the do not call list").Produces<DoNotCallEntry>();
        return routes;
    }

    /// <summary>The list holds E.164 numbers; a national one in the path is read as the default region's.</summary>
    private static async Task<IResult> OnNumber(string phone, PhoneOptions phones, Func<string, Task<IResult>> call)
    {
        var errors = new Dictionary<string, string[]>();
        var e164 = PhoneField.Read(phone, phones.DefaultRegion, "phone", errors);
        return e164 is null ? Problem.Invalid("validation-failed", "Not a phone number.", errors) : await call(e164);
    }
}
