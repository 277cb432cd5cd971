using Contact.Api.Auth;
using Contact.Api.Problems;
using Contact.Grains.Interfaces;
using Contact.Storage.Campaigns;

namespace Contact.Api.Campaigns;

/// <summary>The do not call list, shared by every campaign: imports reject its numbers and agents cannot dial them.</summary>
public static class DoNotCallApi
{
    public static IEndpointRouteBuilder MapDoNotCallApi(this IEndpointRouteBuilder routes)
    {
        var list = routes.MapGroup("/api/v1/dnc").RequireAuthorization(Policies.Admin).WithTags("Do not call");
        list.MapPut("/{phone}", async (string phone, DoNotCallList dnc) =>
        {
            if (!PhoneNumbers.IsE164(phone)) return Invalid();
            await dnc.AddAsync(phone, "admin");
            return Results.Ok(new { phone, listed = true });
        });
        list.MapDelete("/{phone}", async (string phone, DoNotCallList dnc) =>
        {
            if (!PhoneNumbers.IsE164(phone)) return Invalid();
            await dnc.RemoveAsync(phone);
            return Results.NoContent();
        });
        list.MapGet("/{phone}", async (string phone, DoNotCallList dnc) =>
            PhoneNumbers.IsE164(phone) ? Results.Ok(new { phone, listed = (await dnc.FindAsync([phone])).Count > 0 }) : Invalid());
        return routes;
    }

    private static IResult Invalid() => Problem.Invalid("validation-failed", "The number is not E.164.",
        new Dictionary<string, string[]> { ["phone"] = ["an E.164 number such as +15550100000"] });
}
