using System.Security.Claims;
using Contact.Api.Auth;
using Contact.Api.Chats;
using Contact.Api.Problems;
using Contact.Grains.Interfaces;
using Contact.Grains.Phones;

namespace Contact.Api.Sms;

public sealed record SendSmsRequest(string? ServiceId, string? To, string? Text);

/// <summary>
/// Agents text customers: the first text to a number starts an SMS chat the agent owns, later
/// ones join it until it ends. Replies come back as <c>chat.message</c> on the agent's stream.
/// </summary>
public static class SmsApi
{
    public static IEndpointRouteBuilder MapSmsApi(this IEndpointRouteBuilder routes)
    {
        var sms = routes.MapGroup("/api/v1/sms").RequireAuthorization().WithTags("SMS");
        sms.MapPost("/", Send);
        sms.MapGet("/inbound/{messageSid}", async (string messageSid, IGrainFactory grains) => Ids.IsValid(messageSid)
                ? Results.Ok(await grains.GetGrain<ISmsInboundGrain>(messageSid).GetRecord())
                : Ids.Invalid("Message", "messageSid"))
            .RequireAuthorization(Policies.Supervisor);
        return routes;
    }

    private static async Task<IResult> Send(SendSmsRequest request, ClaimsPrincipal caller, IGrainFactory grains, PhoneOptions phones)
    {
        var me = caller.FindFirstValue(TokenIssuer.AgentIdClaim);
        if (me is null) return Problem.Forbidden("Only agents send texts.");
        var errors = new Dictionary<string, string[]>();
        if (request.ServiceId is not { } serviceId || !Ids.IsValid(serviceId)) errors["serviceId"] = [Ids.Rule];
        var to = PhoneField.Read(request.To, phones.DefaultRegion, "to", errors);
        if (errors.Count > 0) return Problem.Invalid("validation-failed", "Some fields are invalid.", errors);
        if (ChatValidation.CheckMessage(request.Text) is { } bad) return bad;

        var thread = grains.GetGrain<ISmsThreadGrain>(SmsThreads.Key(request.ServiceId!, to!));
        var sent = await thread.SendFromAgent(me, request.Text!);
        return Results.Created($"/api/v1/chats/{sent.ChatId}", sent);
    }
}
