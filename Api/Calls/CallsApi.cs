using System.Security.Claims;
using Contact.Api.Auth;
using Contact.Api.Chats;
using Contact.Api.OpenApi;
using Contact.Api.Problems;
using Contact.Grains.Interfaces;
using Contact.Grains.Phones;

namespace Contact.Api.Calls;

public sealed record DigitsRequest(string? Digits);

/// <param name="Action">start, pause, resume or stop.</param>
public sealed record RecordingRequest(RecordingAction? Action);

/// <summary>A call the agent places: the service it is for (whose number the customer sees) and whom to call.</summary>
public sealed record DialRequest(string? ServiceId, string? To);

/// <summary>Where a call goes: exactly one of an agent, a service (transfers only) and a phone number.</summary>
public sealed record CallTargetRequest(string? AgentId, string? ServiceId, string? Number);

/// <summary>The agent's side of a call. Acting on a call needs an agent's token; supervisors may read.</summary>
public static class CallsApi
{
    public static IEndpointRouteBuilder MapCallsApi(this IEndpointRouteBuilder routes)
    {
        var calls = routes.MapGroup("/api/v1/calls").RequireAuthorization().WithTags("Calls");
        calls.MapPost("/", Dial)
            .WithSummary("Place a call to a customer for a service; the agent's phone rings first, then the customer's")
            .Produces<CallView>(StatusCodes.Status201Created)
            .Refuses(StatusCodes.Status400BadRequest, "validation-failed")
            .Refuses(StatusCodes.Status403Forbidden, "forbidden", "service-not-yours")
            .Refuses(StatusCodes.Status404NotFound, "service-not-found", "agent-not-found")
            .Refuses(StatusCodes.Status409Conflict, "channel-not-offered", "voice-number-missing", "number-on-dnc", "agent-not-available", "illegal-transition")
            .Refuses(StatusCodes.Status503ServiceUnavailable, "voice-provider-failed", "voice-not-configured");
        calls.MapPost("/{callId}/answer", (string callId, ClaimsPrincipal caller, IGrainFactory grains) =>
                AsAgent(callId, caller, grains, async (call, me) => Results.Ok(await call.Answer(me))))
            .WithSummary("Answer a call offered to the agent: Twilio rings the agent's phone into the call")
            .Produces<CallView>().RefusesLikeAsAgent()
            .Refuses(StatusCodes.Status409Conflict, "not-offered-to-you")
            .Refuses(StatusCodes.Status503ServiceUnavailable, "phone-not-reached", "voice-not-configured");
        calls.MapPost("/{callId}/reject", (string callId, ClaimsPrincipal caller, IGrainFactory grains) =>
                AsAgent(callId, caller, grains, async (call, me) => Results.Ok(await call.Reject(me))))
            .WithSummary("Reject a call offered to the agent: it goes to the next agent")
            .Produces<CallView>().RefusesLikeAsAgent().Refuses(StatusCodes.Status409Conflict, "not-offered-to-you", "interaction-not-offered");
        calls.MapPost("/{callId}/release", (string callId, ClaimsPrincipal caller, IGrainFactory grains) =>
                AsAgent(callId, caller, grains, async (call, me) => Results.Ok(await call.Release(me))))
            .WithSummary("Hang up (wrap-up follows when the service has it)")
            .Produces<CallView>().RefusesLikeAsAgent();
        calls.MapPost("/{callId}/hold", (string callId, ClaimsPrincipal caller, IGrainFactory grains) =>
                AsAgent(callId, caller, grains, async (call, me) => Results.Ok(await call.Hold(me, onHold: true))))
            .WithSummary("Put the customer on hold (they hear hold music)").Produces<CallView>().RefusesLikeControl();
        calls.MapPost("/{callId}/retrieve", (string callId, ClaimsPrincipal caller, IGrainFactory grains) =>
                AsAgent(callId, caller, grains, async (call, me) => Results.Ok(await call.Hold(me, onHold: false))))
            .WithSummary("Take the customer off hold").Produces<CallView>().RefusesLikeControl();
        calls.MapPost("/{callId}/mute", (string callId, ClaimsPrincipal caller, IGrainFactory grains) =>
                AsAgent(callId, caller, grains, async (call, me) => Results.Ok(await call.Mute(me, muted: true))))
            .WithSummary("Mute the agent's own leg").Produces<CallView>().RefusesLikeControl();
        calls.MapPost("/{callId}/unmute", (string callId, ClaimsPrincipal caller, IGrainFactory grains) =>
                AsAgent(callId, caller, grains, async (call, me) => Results.Ok(await call.Mute(me, muted: false))))
            .WithSummary("Unmute the agent's own leg").Produces<CallView>().RefusesLikeControl();
        calls.MapPost("/{callId}/digits", (string callId, DigitsRequest request, ClaimsPrincipal caller, IGrainFactory grains) =>
                CallDigits.Check(request.Digits) is { } refused
                    ? Task.FromResult(refused)
                    : AsAgent(callId, caller, grains, async (call, me) => Results.Ok(await call.SendDigits(me, request.Digits!))))
            .WithSummary("Send DTMF digits to the customer's side (an automated menu)").Produces<CallView>().RefusesLikeControl()
            .Refuses(StatusCodes.Status400BadRequest, "validation-failed");
        calls.MapPost("/{callId}/recording", (string callId, RecordingRequest request, ClaimsPrincipal caller, IGrainFactory grains) =>
                request.Action is { } action
                    ? AsAgent(callId, caller, grains, async (call, me) => Results.Ok(await call.Record(me, action)))
                    : Task.FromResult(Problem.Invalid("validation-failed", "Say what to do with the recording.",
                        new Dictionary<string, string[]> { ["action"] = ["start, pause, resume or stop"] })))
            .WithSummary("Start, pause, resume or stop recording the call").Produces<CallView>().RefusesLikeControl()
            .Refuses(StatusCodes.Status400BadRequest, "validation-failed").Refuses(StatusCodes.Status409Conflict, "recording-not-possible");
        calls.MapPost("/{callId}/transfer", (string callId, CallTargetRequest request, ClaimsPrincipal caller, IGrainFactory grains, PhoneOptions phones) =>
                ReadTarget(request, phones, services: true, out var target) is { } refused
                    ? Task.FromResult(refused)
                    : AsAgent(callId, caller, grains, async (call, me) => Results.Ok(await call.Transfer(me, target!))))
            .WithSummary("Blind transfer to an agent, a service's queue or a number; the agent's part ends")
            .Produces<CallView>().RefusesLikeControl().RefusesLikeTransfer()
            .Refuses(StatusCodes.Status404NotFound, "service-not-found")
            .Refuses(StatusCodes.Status409Conflict, "channel-not-offered");
        calls.MapPost("/{callId}/consult", (string callId, CallTargetRequest request, ClaimsPrincipal caller, IGrainFactory grains, PhoneOptions phones) =>
                ReadTarget(request, phones, services: false, out var target) is { } refused
                    ? Task.FromResult(refused)
                    : AsAgent(callId, caller, grains, async (call, me) => Results.Ok(await call.Consult(me, target!))))
            .WithSummary("Hold the customer and ring an agent or a number to consult first")
            .Produces<CallView>().RefusesLikeControl().RefusesLikeTransfer();
        foreach (var (path, end, summary) in new[]
        {
            ("transfer", ConsultationEnd.Transfer, "The consulted party takes the call; the agent's part ends"),
            ("conference", ConsultationEnd.Conference, "The customer comes off hold: the agent, the customer and the consulted party talk"),
            ("cancel", ConsultationEnd.Cancel, "Hang up the consulted party and take the customer off hold"),
        })
        {
            calls.MapPost($"/{{callId}}/consultation/{path}", (string callId, ClaimsPrincipal caller, IGrainFactory grains) =>
                    AsAgent(callId, caller, grains, async (call, me) => Results.Ok(await call.FinishConsultation(me, end))))
                .WithSummary(summary).Produces<CallView>().RefusesLikeControl()
                .Refuses(StatusCodes.Status409Conflict, "no-consultation", "consultation-not-connected");
        }
        calls.MapPut("/{callId}/disposition", (string callId, DispositionRequest request, ClaimsPrincipal caller, IGrainFactory grains) =>
                request.Check() is { } refused
                    ? Task.FromResult(refused)
                    : AsAgent(callId, caller, grains, async (call, me) => Results.Ok(await call.SetDisposition(me, request.Disposition!.Trim(), request.Notes))))
            .WithSummary("Set the call's disposition and notes (a campaign's call: completes the record's attempt, ending the call if it is still up)")
            .Produces<CallView>().RefusesLikeAsAgent()
            .Refuses(StatusCodes.Status400BadRequest, "validation-failed", "unknown-disposition")
            .Refuses(StatusCodes.Status403Forbidden, "record-not-yours")
            .Refuses(StatusCodes.Status409Conflict, "record-not-accepted");
        calls.MapGet("/{callId}", Read)
            .WithSummary("A call: its state, customer and agents").Produces<CallView>()
            .Refuses(StatusCodes.Status400BadRequest, "invalid-id")
            .Refuses(StatusCodes.Status403Forbidden, "forbidden")
            .Refuses(StatusCodes.Status404NotFound, "call-not-found");
        return routes;
    }

    private static RouteHandlerBuilder RefusesLikeAsAgent(this RouteHandlerBuilder route) => route
        .Refuses(StatusCodes.Status400BadRequest, "invalid-id")
        .Refuses(StatusCodes.Status403Forbidden, "forbidden", "not-your-call")
        .Refuses(StatusCodes.Status404NotFound, "call-not-found", "interaction-not-found", "agent-not-found")
        .Refuses(StatusCodes.Status409Conflict, "call-ended");

    /// <summary>The refusals of an operation on a connected call: Twilio may refuse it too, and then nothing changes.</summary>
    private static RouteHandlerBuilder RefusesLikeControl(this RouteHandlerBuilder route) => route.RefusesLikeAsAgent()
        .Refuses(StatusCodes.Status409Conflict, "call-not-connected")
        .Refuses(StatusCodes.Status503ServiceUnavailable, "voice-provider-failed", "voice-not-configured");

    private static async Task<IResult> Dial(DialRequest request, ClaimsPrincipal caller, IGrainFactory grains, PhoneOptions phones)
    {
        var me = caller.FindFirstValue(TokenIssuer.AgentIdClaim);
        if (me is null) return Problem.Forbidden("Only agents place calls.");
        var errors = new Dictionary<string, string[]>();
        if (request.ServiceId is null || !Ids.IsValid(request.ServiceId)) errors["serviceId"] = [Ids.Rule];
        var to = PhoneField.Read(request.To, phones.DefaultRegion, "to", errors);
        if (errors.Count > 0) return Problem.Invalid("validation-failed", "Say whom to call, and for which service.", errors);
        var callId = Guid.NewGuid().ToString("N");
        var view = await grains.GetGrain<ICallGrain>(callId).DialOut(new OutboundCall(me, request.ServiceId!, to!, null));
        return Results.Created($"/api/v1/calls/{callId}", view);
    }

    private static RouteHandlerBuilder RefusesLikeTransfer(this RouteHandlerBuilder route) => route
        .Refuses(StatusCodes.Status400BadRequest, "validation-failed")
        .Refuses(StatusCodes.Status409Conflict, "transfer-to-self", "agent-not-available", "consultation-under-way");

    /// <summary>Exactly one of agentId, serviceId (when <paramref name="services"/>) and number; the number in E.164.</summary>
    private static IResult? ReadTarget(CallTargetRequest request, PhoneOptions phones, bool services, out CallTarget? target)
    {
        target = null;
        var given = new[] { request.AgentId, services ? request.ServiceId : null, request.Number }.Count(v => !string.IsNullOrEmpty(v));
        var errors = new Dictionary<string, string[]>();
        if (given != 1 || (!services && !string.IsNullOrEmpty(request.ServiceId)))
        {
            errors["target"] = [services ? "exactly one of agentId, serviceId and number" : "exactly one of agentId and number"];
        }
        else if (request.AgentId is { Length: > 0 } agentId && !Ids.IsValid(agentId)) errors["agentId"] = [Ids.Rule];
        else if (request.ServiceId is { Length: > 0 } serviceId && !Ids.IsValid(serviceId)) errors["serviceId"] = [Ids.Rule];
        var number = errors.Count == 0 && request.Number is { Length: > 0 } raw ? PhoneField.Read(raw, phones.DefaultRegion, "number", errors) : null;
        if (errors.Count > 0) return Problem.Invalid("validation-failed", "Say where the call goes.", errors);
        target = new CallTarget(NullIfEmpty(request.AgentId), NullIfEmpty(request.ServiceId), number);
        return null;
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    /// <summary>Runs the call as the calling agent; the call itself decides whether it is that agent's.</summary>
    private static async Task<IResult> AsAgent(string callId, ClaimsPrincipal caller, IGrainFactory grains, Func<ICallGrain, string, Task<IResult>> act)
    {
        if (!Ids.IsValid(callId)) return Ids.Invalid("Call", "callId");
        var me = caller.FindFirstValue(TokenIssuer.AgentIdClaim);
        if (me is null) return Problem.Forbidden("Only agents handle calls.");
        return await act(grains.GetGrain<ICallGrain>(callId), me);
    }

    /// <summary>Who may read a call: supervisors, and the agents who have had it.</summary>
    private static async Task<IResult> Read(string callId, ClaimsPrincipal caller, IGrainFactory grains)
    {
        if (!Ids.IsValid(callId)) return Ids.Invalid("Call", "callId");
        var view = await grains.GetGrain<ICallGrain>(callId).GetView();
        var me = caller.FindFirstValue(TokenIssuer.AgentIdClaim);
        if (!caller.IsSupervisor() && (me is null || !view.Agents.Contains(me))) return Problem.Forbidden($"Call '{callId}' is not one of yours.");
        return Results.Ok(view);
    }
}
