using Contact.Api.OpenApi;
using Contact.Api.Problems;
using Contact.Api.Twilio;
using Contact.Grains.Interfaces;
using Contact.Silo.Twilio;
using Twilio.TwiML;
using Conference = Twilio.TwiML.Voice.Conference;
using Dial = Twilio.TwiML.Voice.Dial;

namespace Contact.Api.Calls;

/// <summary>
/// The voice webhooks: a call to one of our numbers (answered with TwiML that puts the caller in
/// the call's conference, or tells a refused caller why and hangs up), and the progress of each
/// leg. Signed like the SMS webhooks; a 2xx answer means what it reported is stored, so Twilio's
/// retries are safe.
/// </summary>
public static class TwilioVoiceWebhooksApi
{
    public const string IncomingPath = "/api/v1/twilio/voice";
    public const string ConferencePath = "/api/v1/twilio/voice/conference";

    public static IEndpointRouteBuilder MapTwilioVoiceWebhooksApi(this IEndpointRouteBuilder routes)
    {
        routes.MapPost(IncomingPath, (HttpRequest request, TwilioOptions options, IGrainFactory grains) =>
                TwilioWebhooks.Signed(request, options, VoiceSetup.NotConfigured, form => ReceiveCall(request, form, options, grains)))
            .WithSummary("Twilio's webhook for a call to one of our numbers (TwiML)")
            .AsTwilioWebhook("voice-not-configured").Produces<string>(contentType: "text/xml");
        routes.MapPost(TwilioVoiceGateway.StatusCallbackPath, (HttpRequest request, TwilioOptions options, IGrainFactory grains) =>
                TwilioWebhooks.Signed(request, options, VoiceSetup.NotConfigured, form => ReceiveStatus(request, form, grains)))
            .WithSummary("Twilio's callback with a call leg's progress")
            .AsTwilioWebhook("voice-not-configured").Produces(StatusCodes.Status204NoContent)
            .Refuses(StatusCodes.Status404NotFound, "call-not-found");
        routes.MapPost(ConferencePath, (HttpRequest request, TwilioOptions options, IGrainFactory grains) =>
                TwilioWebhooks.Signed(request, options, VoiceSetup.NotConfigured, form => ReceiveConferenceEvent(request, form, grains)))
            .WithSummary("Twilio's callback with what happened in a call's conference")
            .AsTwilioWebhook("voice-not-configured").Produces(StatusCodes.Status204NoContent)
            .Refuses(StatusCodes.Status404NotFound, "call-not-found");
        routes.MapPost(TwilioVoiceGateway.RecordingCallbackPath, (HttpRequest request, TwilioOptions options, IGrainFactory grains) =>
                TwilioWebhooks.Signed(request, options, VoiceSetup.NotConfigured, form => ReceiveRecording(request, form, grains)))
            .WithSummary("Twilio's callback with a recording's progress (its length once it is over)")
            .AsTwilioWebhook("voice-not-configured").Produces(StatusCodes.Status204NoContent)
            .Refuses(StatusCodes.Status404NotFound, "call-not-found");
        routes.MapPost(TwilioVoiceGateway.AnsweredByPath, (HttpRequest request, TwilioOptions options, IGrainFactory grains) =>
                TwilioWebhooks.Signed(request, options, VoiceSetup.NotConfigured, form => ReceiveAnsweredBy(request, form, grains)))
            .WithSummary("Twilio's answering machine detection for a campaign's call (AnsweredBy)")
            .AsTwilioWebhook("voice-not-configured").Produces(StatusCodes.Status204NoContent)
            .Refuses(StatusCodes.Status404NotFound, "call-not-found");
        routes.MapPost(TwilioVoiceGateway.DigitsPath, (HttpRequest request, TwilioOptions options) =>
                TwilioWebhooks.Signed(request, options, VoiceSetup.NotConfigured, _ => Task.FromResult(PlayDigits(request))))
            .WithSummary("The announcement that plays an agent's DTMF digits into a call (TwiML)")
            .AsTwilioWebhook("voice-not-configured").Produces<string>(contentType: "text/xml");
        return routes;
    }

    private static async Task<IResult> ReceiveRecording(HttpRequest request, IReadOnlyDictionary<string, string> form, IGrainFactory grains)
    {
        var errors = new Dictionary<string, string[]>();
        var callId = request.Query["callId"].ToString();
        if (!Ids.IsValid(callId)) errors["callId"] = ["the call id of the RecordingStatusCallback URL"];
        if (!form.TryGetValue("RecordingSid", out var sid) || !Ids.IsValid(sid)) errors["RecordingSid"] = ["Twilio's recording sid"];
        var status = form.GetValueOrDefault("RecordingStatus")?.Trim().ToLowerInvariant();
        if (status is null || !RecordingStatuses.All.Contains(status)) errors["RecordingStatus"] = [$"one of: {string.Join(", ", RecordingStatuses.All)}"];
        int? duration = null;
        if (form.GetValueOrDefault("RecordingDuration") is { Length: > 0 } seconds)
        {
            if (int.TryParse(seconds, out var parsed) && parsed >= 0) duration = parsed;
            else errors["RecordingDuration"] = ["seconds, 0 or more"];
        }
        if (errors.Count > 0) return Problem.Invalid("validation-failed", "Not a recording status callback.", errors);
        await grains.GetGrain<ICallGrain>(callId).ReportRecording(new RecordingReport(sid!, status!, duration));
        return Results.NoContent();
    }

    private static async Task<IResult> ReceiveAnsweredBy(HttpRequest request, IReadOnlyDictionary<string, string> form, IGrainFactory grains)
    {
        var errors = new Dictionary<string, string[]>();
        var callId = request.Query["callId"].ToString();
        if (!Ids.IsValid(callId)) errors["callId"] = ["the call id of the AmdStatusCallback URL"];
        var answeredBy = form.GetValueOrDefault("AnsweredBy")?.Trim().ToLowerInvariant();
        if (answeredBy is null || !AnsweringMachineDetection.IsKnown(answeredBy)) errors["AnsweredBy"] = [$"one of: {string.Join(", ", AnsweringMachineDetection.Answers)}"];
        if (errors.Count > 0) return Problem.Invalid("validation-failed", "Not an answering machine detection callback.", errors);
        await grains.GetGrain<ICallGrain>(callId).ReportAnsweredBy(answeredBy!);
        return Results.NoContent();
    }

    private static IResult PlayDigits(HttpRequest request)
    {
        var digits = request.Query["digits"].ToString();
        if (!CallDigits.IsValid(digits))
        {
            return Problem.Invalid("validation-failed", "Not DTMF digits.", new Dictionary<string, string[]> { ["digits"] = ["0-9, *, # and w"] });
        }
        return Results.Text(new VoiceResponse().Play(digits: digits).ToString(), "text/xml");
    }

    private static async Task<IResult> ReceiveCall(HttpRequest request, IReadOnlyDictionary<string, string> form, TwilioOptions options, IGrainFactory grains)
    {
        var errors = new Dictionary<string, string[]>();
        if (!form.TryGetValue("CallSid", out var sid) || !Ids.IsValid(sid)) errors["CallSid"] = ["Twilio's call sid"];
        var from = PhoneField.Read(form.GetValueOrDefault("From"), null, "From", errors);
        var to = PhoneField.Read(form.GetValueOrDefault("To"), null, "To", errors);
        if (errors.Count > 0) return Problem.Invalid("validation-failed", "Not an incoming call webhook.", errors);

        var arrival = await grains.GetGrain<ICallGrain>(sid!).ArriveInbound(new InboundCall(sid!, from!, to!));
        var answer = new VoiceResponse();
        if (arrival.Conference is { } conference)
        {
            // The caller waits (Twilio's hold music) until an agent joins; the conference ends when the caller leaves.
            answer.Append(new Dial().Conference(conference, startConferenceOnEnter: false, endConferenceOnExit: true,
                statusCallback: Callback(request, options, $"{ConferencePath}?callId={Uri.EscapeDataString(sid!)}"),
                statusCallbackEvent: [Conference.EventEnum.Join, Conference.EventEnum.Leave]));
        }
        else
        {
            answer.Say(arrival.Refusal).Hangup();
        }
        return Results.Text(answer.ToString(), "text/xml");
    }

    /// <summary>A leg's progress; the call comes back in the query of the StatusCallback the gateway gave Twilio (the leg's name too, for people reading logs).</summary>
    private static async Task<IResult> ReceiveStatus(HttpRequest request, IReadOnlyDictionary<string, string> form, IGrainFactory grains)
    {
        var errors = new Dictionary<string, string[]>();
        var callId = request.Query["callId"].ToString();
        if (!Ids.IsValid(callId)) errors["callId"] = ["the call id of the StatusCallback URL"];
        if (!form.TryGetValue("CallSid", out var sid) || !Ids.IsValid(sid)) errors["CallSid"] = ["Twilio's call sid"];
        var status = form.GetValueOrDefault("CallStatus")?.Trim().ToLowerInvariant();
        if (status is null || !CallProgress.IsKnown(status)) errors["CallStatus"] = [$"one of: {string.Join(", ", CallProgress.All)}"];
        if (errors.Count > 0) return Problem.Invalid("validation-failed", "Not a call status callback.", errors);
        await grains.GetGrain<ICallGrain>(callId).ReportStatus(new CallStatusReport(sid!, status!));
        return Results.NoContent();
    }

    /// <summary>A participant left the call's conference: that leg is over (a caller who hangs up leaves it).</summary>
    private static async Task<IResult> ReceiveConferenceEvent(HttpRequest request, IReadOnlyDictionary<string, string> form, IGrainFactory grains)
    {
        var errors = new Dictionary<string, string[]>();
        var callId = request.Query["callId"].ToString();
        if (!Ids.IsValid(callId)) errors["callId"] = ["the call id of the conference's StatusCallback URL"];
        if (string.IsNullOrWhiteSpace(form.GetValueOrDefault("StatusCallbackEvent"))) errors["StatusCallbackEvent"] = ["required"];
        var sid = form.GetValueOrDefault("CallSid");
        if (sid is not null && !Ids.IsValid(sid)) errors["CallSid"] = ["Twilio's call sid"];
        if (errors.Count > 0) return Problem.Invalid("validation-failed", "Not a conference status callback.", errors);
        if (form["StatusCallbackEvent"] == "participant-leave" && sid is not null)
        {
            await grains.GetGrain<ICallGrain>(callId).ReportStatus(new CallStatusReport(sid, CallProgress.Completed));
        }
        return Results.NoContent();
    }

    private static Uri Callback(HttpRequest request, TwilioOptions options, string pathAndQuery) =>
        new(TwilioWebhooks.Origin(request, options) + request.PathBase + pathAndQuery);
}
