using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Contact.Tests.Support;

/// <summary>A leg the stand-in rang into a conference (the Participants resource), with the form fields it was sent with.</summary>
public sealed record FakeTwilioParticipant(string CallSid, string Conference, string From, string To, string? StatusCallback, string? Label, bool EndConferenceOnExit,
    string? MachineDetection = null, string? AmdStatusCallback = null);

/// <summary>A change the stand-in was asked to make to a leg in a conference (Participants resource, update).</summary>
public sealed record FakeTwilioLegUpdate(string ConferenceSid, string CallSid, bool? Hold, bool? Muted, string? AnnounceUrl);

/// <summary>A recording the stand-in started, and every status it was asked to set after.</summary>
public sealed record FakeTwilioRecording(string Sid, string CallSid, string? StatusCallback, List<string> Statuses);

/// <summary>The voice side of the stand-in: the Participants and Calls resources, and Twilio's side of the voice webhooks.</summary>
public sealed partial class FakeTwilio
{
    private readonly ConcurrentQueue<FakeTwilioParticipant> participants = new();
    private readonly ConcurrentQueue<string> hungUp = new();
    private readonly ConcurrentQueue<(string CallSid, string Twiml)> redirected = new();
    private readonly ConcurrentQueue<FakeTwilioLegUpdate> legUpdates = new();
    private readonly ConcurrentQueue<FakeTwilioRecording> recordings = new();
    private readonly ConcurrentDictionary<string, string> conferenceSids = new();

    public IReadOnlyList<FakeTwilioParticipant> Participants => [.. participants];

    /// <summary>The CallSids of every leg the server asked to end (Calls resource, Status=completed), in order.</summary>
    public IReadOnlyList<string> HungUp => [.. hungUp];

    /// <summary>Legs given new TwiML (Calls resource, Twiml=...), and the TwiML, in order.</summary>
    public IReadOnlyList<(string CallSid, string Twiml)> Redirected => [.. redirected];

    public IReadOnlyList<FakeTwilioLegUpdate> LegUpdates => [.. legUpdates];

    public IReadOnlyList<FakeTwilioRecording> Recordings => [.. recordings];

    /// <summary>The sid Twilio gave the conference of this name.</summary>
    public string ConferenceSidOf(string conference) => conferenceSids.GetOrAdd(conference, _ => "CF" + Guid.NewGuid().ToString("N"));

    private void MapVoice(WebApplication app)
    {
        app.MapPost("/2010-04-01/Accounts/{accountSid}/Conferences/{conference}/Participants.json",
            (string accountSid, string conference, HttpContext context) => CreateParticipant(accountSid, conference, context));
        app.MapPost("/2010-04-01/Accounts/{accountSid}/Calls/{callSid}.json",
            (string accountSid, string callSid, HttpContext context) => UpdateCall(accountSid, callSid, context));
        app.MapPost("/2010-04-01/Accounts/{accountSid}/Conferences/{conferenceSid}/Participants/{callSid}.json",
            (string accountSid, string conferenceSid, string callSid, HttpContext context) => UpdateParticipant(accountSid, conferenceSid, callSid, context));
        app.MapPost("/2010-04-01/Accounts/{accountSid}/Calls/{callSid}/Recordings.json",
            (string accountSid, string callSid, HttpContext context) => CreateRecording(accountSid, callSid, context));
        app.MapPost("/2010-04-01/Accounts/{accountSid}/Calls/{callSid}/Recordings/{recordingSid}.json",
            (string accountSid, string callSid, string recordingSid, HttpContext context) => UpdateRecording(accountSid, callSid, recordingSid, context));
    }

    /// <summary>A call to <paramref name="to"/> comes in: Twilio's incoming-call webhook, signed. The answer is the server's TwiML.</summary>
    public Task<HttpResponseMessage> CallInAsync(string webhookUrl, string callSid, string from, string to) =>
        PostSignedAsync(webhookUrl, new Dictionary<string, string>
        {
            ["AccountSid"] = AccountSid,
            ["ApiVersion"] = "2010-04-01",
            ["CallSid"] = callSid,
            ["CallStatus"] = "ringing",
            ["Direction"] = "inbound",
            ["From"] = from,
            ["To"] = to,
            ["Caller"] = from,
            ["Called"] = to,
        });

    /// <summary>The leg's progress, posted to its StatusCallback as Twilio posts it.</summary>
    public Task<HttpResponseMessage> ReportLegAsync(FakeTwilioParticipant leg, string status) =>
        PostSignedAsync(leg.StatusCallback ?? throw new InvalidOperationException("The leg had no StatusCallback."), new Dictionary<string, string>
        {
            ["AccountSid"] = AccountSid,
            ["ApiVersion"] = "2010-04-01",
            ["CallSid"] = leg.CallSid,
            ["CallStatus"] = status,
            ["From"] = leg.From,
            ["To"] = leg.To,
            ["Direction"] = "outbound-api",
        });

    /// <summary>Twilio's answering machine detection for the leg: who answered (human, machine_start, ...).</summary>
    public Task<HttpResponseMessage> AnsweredByAsync(FakeTwilioParticipant leg, string answeredBy) =>
        PostSignedAsync(leg.AmdStatusCallback ?? throw new InvalidOperationException("The leg asked for no detection."), new Dictionary<string, string>
        {
            ["AccountSid"] = AccountSid,
            ["CallSid"] = leg.CallSid,
            ["AnsweredBy"] = answeredBy,
            ["MachineDetectionDuration"] = "2150",
        });

    /// <summary>What happened in a conference (participant-join, participant-leave, ...), posted to the conference's statusCallback.</summary>
    public Task<HttpResponseMessage> ConferenceEventAsync(string statusCallback, string conference, string @event, string callSid) =>
        PostSignedAsync(statusCallback, new Dictionary<string, string>
        {
            ["AccountSid"] = AccountSid,
            ["ConferenceSid"] = "CF" + Guid.NewGuid().ToString("N"),
            ["FriendlyName"] = conference,
            ["StatusCallbackEvent"] = @event,
            ["CallSid"] = callSid,
            ["Muted"] = "false",
            ["Hold"] = "false",
            ["Timestamp"] = DateTimeOffset.UtcNow.ToString("r"),
        });

    private async Task CreateParticipant(string accountSid, string conference, HttpContext context)
    {
        if (await AnsweredBeforehandAsync(accountSid, context)) return;
        var form = await context.Request.ReadFormAsync();
        var (from, to) = (form["From"].ToString(), form["To"].ToString());
        if (from.Length == 0 || to.Length == 0)
        {
            await Error(context, HttpStatusCode.BadRequest, 21604, "From and To are required.");
            return;
        }
        if (!to.StartsWith("client:", StringComparison.Ordinal) && !E164.IsMatch(to))
        {
            await Error(context, HttpStatusCode.BadRequest, 21211, $"The 'To' number {to} is not a valid phone number.");
            return;
        }
        var leg = new FakeTwilioParticipant("CA" + Guid.NewGuid().ToString("N"), conference, from, to,
            form.TryGetValue("StatusCallback", out var callback) ? callback.ToString() : null,
            form.TryGetValue("Label", out var label) ? label.ToString() : null,
            form["EndConferenceOnExit"] == "true",
            form.TryGetValue("MachineDetection", out var amd) ? amd.ToString() : null,
            form.TryGetValue("AmdStatusCallback", out var amdCallback) ? amdCallback.ToString() : null);
        participants.Enqueue(leg);
        context.Response.StatusCode = StatusCodes.Status201Created;
        await context.Response.WriteAsJsonAsync(new Dictionary<string, object?>
        {
            ["account_sid"] = AccountSid,
            ["call_sid"] = leg.CallSid,
            ["conference_sid"] = ConferenceSidOf(conference),
            ["label"] = leg.Label,
            ["status"] = "queued",
            ["muted"] = false,
            ["hold"] = false,
            ["end_conference_on_exit"] = leg.EndConferenceOnExit,
            ["start_conference_on_enter"] = true,
            ["date_created"] = DateTimeOffset.UtcNow.ToString("r"),
            ["uri"] = $"/2010-04-01/Accounts/{AccountSid}/Conferences/{conference}/Participants/{leg.CallSid}.json",
        });
    }

    private async Task UpdateCall(string accountSid, string callSid, HttpContext context)
    {
        if (await AnsweredBeforehandAsync(accountSid, context)) return;
        var form = await context.Request.ReadFormAsync();
        if (form["Status"] == "completed") hungUp.Enqueue(callSid);
        if (form.TryGetValue("Twiml", out var twiml)) redirected.Enqueue((callSid, twiml.ToString()));
        await context.Response.WriteAsJsonAsync(new Dictionary<string, object?>
        {
            ["sid"] = callSid,
            ["account_sid"] = AccountSid,
            ["status"] = form["Status"] == "completed" ? "completed" : "in-progress",
            ["uri"] = $"/2010-04-01/Accounts/{AccountSid}/Calls/{callSid}.json",
        });
    }

    /// <summary>Twilio's recording status callback for a recording the stand-in made.</summary>
    public Task<HttpResponseMessage> ReportRecordingAsync(FakeTwilioRecording recording, string status, int? durationSeconds = null)
    {
        var form = new Dictionary<string, string>
        {
            ["AccountSid"] = AccountSid,
            ["CallSid"] = recording.CallSid,
            ["RecordingSid"] = recording.Sid,
            ["RecordingStatus"] = status,
            ["RecordingUrl"] = $"https://api.twilio.com/2010-04-01/Accounts/{AccountSid}/Recordings/{recording.Sid}",
        };
        if (durationSeconds is { } seconds) form["RecordingDuration"] = seconds.ToString();
        return PostSignedAsync(recording.StatusCallback ?? throw new InvalidOperationException("The recording had no callback."), form);
    }

    private async Task UpdateParticipant(string accountSid, string conferenceSid, string callSid, HttpContext context)
    {
        if (await AnsweredBeforehandAsync(accountSid, context)) return;
        if (!conferenceSids.Values.Contains(conferenceSid))
        {
            await Error(context, HttpStatusCode.NotFound, 20404, $"The requested resource /Conferences/{conferenceSid} was not found");
            return;
        }
        var form = await context.Request.ReadFormAsync();
        bool? Flag(string name) => form.TryGetValue(name, out var value) ? value == "true" : null;
        var update = new FakeTwilioLegUpdate(conferenceSid, callSid, Flag("Hold"), Flag("Muted"),
            form.TryGetValue("AnnounceUrl", out var announce) ? announce.ToString() : null);
        legUpdates.Enqueue(update);
        await context.Response.WriteAsJsonAsync(new Dictionary<string, object?>
        {
            ["account_sid"] = AccountSid,
            ["call_sid"] = callSid,
            ["conference_sid"] = conferenceSid,
            ["hold"] = update.Hold ?? false,
            ["muted"] = update.Muted ?? false,
            ["status"] = "connected",
        });
    }

    private async Task CreateRecording(string accountSid, string callSid, HttpContext context)
    {
        if (await AnsweredBeforehandAsync(accountSid, context)) return;
        var form = await context.Request.ReadFormAsync();
        var recording = new FakeTwilioRecording("RE" + Guid.NewGuid().ToString("N"), callSid,
            form.TryGetValue("RecordingStatusCallback", out var callback) ? callback.ToString() : null, ["in-progress"]);
        recordings.Enqueue(recording);
        context.Response.StatusCode = StatusCodes.Status201Created;
        await context.Response.WriteAsJsonAsync(RecordingJson(recording));
    }

    private async Task UpdateRecording(string accountSid, string callSid, string recordingSid, HttpContext context)
    {
        if (await AnsweredBeforehandAsync(accountSid, context)) return;
        var recording = recordings.FirstOrDefault(r => r.Sid == recordingSid && r.CallSid == callSid);
        if (recording is null)
        {
            await Error(context, HttpStatusCode.NotFound, 20404, $"The requested resource /Recordings/{recordingSid} was not found");
            return;
        }
        var status = (await context.Request.ReadFormAsync())["Status"].ToString();
        lock (recording.Statuses) recording.Statuses.Add(status);
        await context.Response.WriteAsJsonAsync(RecordingJson(recording));
    }

    private static Dictionary<string, object?> RecordingJson(FakeTwilioRecording recording) => new()
    {
        ["sid"] = recording.Sid,
        ["account_sid"] = AccountSid,
        ["call_sid"] = recording.CallSid,
        ["status"] = recording.Statuses[^1],
        ["channels"] = 1,
        ["source"] = "StartCallRecordingAPI",
        ["uri"] = $"/2010-04-01/Accounts/{AccountSid}/Calls/{recording.CallSid}/Recordings/{recording.Sid}.json",
    };
}
