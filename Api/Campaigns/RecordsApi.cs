using System.Globalization;
using System.Text.RegularExpressions;
using System.Security.Claims;
using Contact.Api.Auth;
using Contact.Api.OpenApi;
using Contact.Api.Problems;
using Contact.Grains.Interfaces;

namespace Contact.Api.Campaigns;

/// <summary>
/// Calling records on an agent's desktop. Acting on a record needs the token of the agent who
/// has it; supervisors may read any record.
/// </summary>
public static partial class RecordsApi
{
    /// <summary>How far ahead a call may be rescheduled: a year and a day.</summary>
    public const int MaxRescheduleDays = 366;

    public static IEndpointRouteBuilder MapRecordsApi(this IEndpointRouteBuilder routes)
    {
        var records = routes.MapGroup("/api/v1/records").RequireAuthorization().WithTags("Calling records");
        records.MapGet("/{recordId}", Get).WithSummary("A calling record").Produces<CallingRecordView>()
            .Refuses(StatusCodes.Status400BadRequest, "invalid-id")
            .Refuses(StatusCodes.Status403Forbidden, "forbidden")
            .Refuses(StatusCodes.Status404NotFound, "record-not-found");
        records.MapPost("/{recordId}/accept", (string recordId, ClaimsPrincipal caller, IGrainFactory grains) =>
            AsAgent(recordId, caller, grains, (record, me) => record.Accept(me)))
            .WithSummary("Accept the record offered for preview").RefusesLikeAsAgent();
        records.MapPost("/{recordId}/skip", (string recordId, ClaimsPrincipal caller, IGrainFactory grains) =>
            AsAgent(recordId, caller, grains, (record, me) => record.Skip(me)))
            .WithSummary("Skip the record: it goes back to the list").RefusesLikeAsAgent();
        records.MapPost("/{recordId}/reject", (string recordId, ClaimsPrincipal caller, IGrainFactory grains) =>
                AsAgent(recordId, caller, grains, (record, me) => record.Reject(me)))
            .WithSummary("Reject the record offered for preview")
            .RefusesLikeAsAgent().Refuses(StatusCodes.Status409Conflict, "record-already-accepted", "interaction-not-offered");
        records.MapPost("/{recordId}/complete", Complete)
            .WithSummary("Complete the record with a disposition").RefusesLikeAsAgent()
            .Refuses(StatusCodes.Status400BadRequest, "validation-failed", "unknown-disposition")
            .Refuses(StatusCodes.Status409Conflict, "record-not-accepted");
        records.MapPost("/{recordId}/reschedule", Reschedule)
            .WithSummary("Reschedule the call, for anyone or for this agent").RefusesLikeAsAgent()
            .Refuses(StatusCodes.Status400BadRequest, "validation-failed", "reschedule-in-past", "number-not-on-record")
            .Refuses(StatusCodes.Status409Conflict, "outside-calling-hours");
        records.MapPost("/{recordId}/call", (string recordId, CallRequest request, ClaimsPrincipal caller, IGrainFactory grains) =>
                string.IsNullOrWhiteSpace(request.Number)
                    ? Task.FromResult(Invalid("number", "one of the record's numbers"))
                    : AsAgent(recordId, caller, grains, (record, me) => record.Call(me, request.Number)))
            .WithSummary("Call one of the record's numbers through Twilio: the agent's phone, then the customer's (the attempt names the call)")
            .RefusesLikeAsAgent()
            .Refuses(StatusCodes.Status400BadRequest, "validation-failed", "number-not-on-record")
            .Refuses(StatusCodes.Status409Conflict, "record-not-accepted", "number-on-dnc", "outside-calling-hours", "channel-not-offered", "voice-number-missing")
            .Refuses(StatusCodes.Status503ServiceUnavailable, "voice-provider-failed", "voice-not-configured");
        return routes;
    }

    private static async Task<IResult> Get(string recordId, ClaimsPrincipal caller, IGrainFactory grains)
    {
        if (!Ids.IsValid(recordId)) return Ids.Invalid("Record", "recordId");
        var view = await grains.GetGrain<ICallingRecordGrain>(recordId).GetView();
        if (!caller.IsSupervisor() && view.AgentId != caller.FindFirstValue(TokenIssuer.AgentIdClaim))
        {
            return Problem.Forbidden($"Calling record '{recordId}' is not on your desktop.");
        }
        return Results.Ok(view);
    }

    private static Task<IResult> Complete(string recordId, CompleteRequest request, ClaimsPrincipal caller, IGrainFactory grains)
    {
        if (request.Disposition is { Length: > CampaignValidation.MaxNameLength }) return Task.FromResult(Invalid("disposition", "one of the campaign's dispositions"));
        if (request.Notes is { Length: > CampaignValidation.MaxNotesLength }) return Task.FromResult(Invalid("notes", $"at most {CampaignValidation.MaxNotesLength} characters"));
        return AsAgent(recordId, caller, grains, (record, me) => record.Complete(me, request.Disposition, request.Notes));
    }

    private static Task<IResult> Reschedule(string recordId, RescheduleBody request, ClaimsPrincipal caller, IGrainFactory grains, TimeProvider time)
    {
        // A time without its offset would be read in the server's zone, which the agent does not know.
        if (request.At is not { } text || !HasOffset().IsMatch(text) ||
            !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at))
        {
            return Task.FromResult(Invalid("at", "a time with its offset, such as 2026-11-23T15:00:00Z"));
        }
        if (at > time.GetUtcNow().AddDays(MaxRescheduleDays)) return Task.FromResult(Invalid("at", $"within {MaxRescheduleDays} days from now"));
        return AsAgent(recordId, caller, grains, (record, me) => record.Reschedule(me, new RescheduleRequest(at, request.Number, request.Personal ?? false)));
    }

    /// <summary>
    /// An agent's action on a record, with the refusals of <see cref="AsAgent"/> and of the record's
    /// holder check. The 404s for the interaction and the agent come only when the record and its
    /// agent disagree after a failure.
    /// </summary>
    private static RouteHandlerBuilder RefusesLikeAsAgent(this RouteHandlerBuilder route) => route
        .Produces<CallingRecordView>()
        .Refuses(StatusCodes.Status400BadRequest, "invalid-id")
        .Refuses(StatusCodes.Status403Forbidden, "forbidden", "record-not-yours")
        .Refuses(StatusCodes.Status404NotFound, "record-not-found", "interaction-not-found", "agent-not-found");

    private static async Task<IResult> AsAgent(string recordId, ClaimsPrincipal caller, IGrainFactory grains,
        Func<ICallingRecordGrain, string, Task<CallingRecordView>> call)
    {
        if (!Ids.IsValid(recordId)) return Ids.Invalid("Record", "recordId");
        var me = caller.FindFirstValue(TokenIssuer.AgentIdClaim);
        if (me is null) return Problem.Forbidden("Only agents handle calling records.");
        return Results.Ok(await call(grains.GetGrain<ICallingRecordGrain>(recordId), me));
    }

    private static IResult Invalid(string field, string rule) =>
        Problem.Invalid("validation-failed", "Some fields are invalid.", new Dictionary<string, string[]> { [field] = [rule] });

    [GeneratedRegex(@"T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$", RegexOptions.IgnoreCase)]
    private static partial Regex HasOffset();
}
