using System.Security.Claims;
using Contact.Api.Auth;
using Contact.Api.OpenApi;
using Contact.Api.Problems;
using Contact.Grains.Interfaces;
using Contact.Grains.Phones;
using Contact.Silo.Twilio;

namespace Contact.Api.Agents;

/// <param name="Device">softphone or external.</param>
/// <param name="Number">The external phone's number; national numbers are read as Contact:Phones:DefaultRegion's.</param>
public sealed record PhoneRequest(PhoneDeviceKind? Device, string? Number);

/// <summary>The agent's phone device (the guide's "Selecting a Phone Device") and the softphone's Twilio access token.</summary>
public static class PhoneApi
{
    public static void MapPhone(this RouteGroupBuilder agents)
    {
        agents.MapGet("/{id}/phone", (string id, ClaimsPrincipal caller, IGrainFactory grains) =>
                AgentsApi.OnAgent(id, caller, grains, async agent =>
                {
                    await agent.GetView();
                    return await grains.GetGrain<IAgentPhoneGrain>(id).Get();
                }))
            .WithSummary("The agent's phone device").Produces<PhoneDevice>().RefusesLikeOnAgent();
        agents.MapPut("/{id}/phone", SetPhone)
            .WithSummary("Choose the phone device: the browser softphone, or an external phone that Twilio rings")
            .Produces<PhoneDevice>().RefusesLikeOnAgent().Refuses(StatusCodes.Status400BadRequest, "validation-failed");
        agents.MapPost("/{id}/phone/token", IssueToken)
            .WithSummary("A Twilio Voice access token for the agent's browser softphone (the agent's own only)")
            .Produces<AccessToken>().RefusesLikeOnAgent()
            .Refuses(StatusCodes.Status503ServiceUnavailable, "voice-token-not-configured");
    }

    private static async Task<IResult> SetPhone(string id, PhoneRequest request, ClaimsPrincipal caller, IGrainFactory grains, PhoneOptions phones)
    {
        if (AgentsApi.Refuse(id, caller) is { } refusal) return refusal;
        var errors = new Dictionary<string, string[]>();
        string? number = null;
        if (request.Device is null) errors["device"] = ["softphone or external"];
        else if (request.Device == PhoneDeviceKind.External) number = PhoneField.Read(request.Number, phones.DefaultRegion, "number", errors);
        else if (request.Number is not null) errors["number"] = ["only with the external device"];
        if (errors.Count > 0) return Problem.Invalid("validation-failed", "Some fields are invalid.", errors);
        await grains.GetGrain<IAgentGrain>(id).GetView();
        return Results.Ok(await grains.GetGrain<IAgentPhoneGrain>(id).Set(new PhoneDevice(request.Device!.Value, number)));
    }

    /// <summary>The token lets its holder take the agent's calls, so a supervisor gets none for another agent.</summary>
    private static async Task<IResult> IssueToken(string id, ClaimsPrincipal caller, IGrainFactory grains, TwilioAccessTokens tokens)
    {
        if (!Ids.IsValid(id)) return Ids.Invalid("Agent", "id");
        if (caller.FindFirstValue(TokenIssuer.AgentIdClaim) != id) return Problem.Forbidden($"Only agent '{id}' may have its softphone's token.");
        await grains.GetGrain<IAgentGrain>(id).GetView();
        return Results.Ok(tokens.ForSoftphone(id));
    }
}
