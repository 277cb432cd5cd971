using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Contact.Tests.Support;

/// <summary>A leg the stand-in rang into a conference (the Participants resource), with the form fields it was sent with.</summary>
public sealed record FakeTwilioParticipant(string CallSid, string Conference, string From, string To, string? StatusCallback, string? Label, bool EndConferenceOnExit);

/// <summary>The voice side of the stand-in: the Participants and Calls resources, and Twilio's side of the voice webhooks.</summary>
public sealed partial class FakeTwilio
{
    private readonly ConcurrentQueue<FakeTwilioParticipant> participants = new();
    private readonly ConcurrentQueue<string> hungUp = new();

    public IReadOnlyList<FakeTwilioParticipant> Participants => [.. participants];

    /// <summary>The CallSids of every leg the server asked to end (Calls resource, Status=completed), in order.</summary>
    public IReadOnlyList<string> HungUp => [.. hungUp];

    private void MapVoice(WebApplication app)
    {
        app.MapPost("/2010-04-01/Accounts/{accountSid}/Conferences/{conference}/Participants.json",
            (string accountSid, string conference, HttpContext context) => CreateParticipant(accountSid, conference, context));
        app.MapPost("/2010-04-01/Accounts/{accountSid}/Calls/{callSid}.json",
            (string accountSid, string callSid, HttpContext context) => UpdateCall(accountSid, callSid, context));
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
            form["EndConferenceOnExit"] == "true");
        participants.Enqueue(leg);
        context.Response.StatusCode = StatusCodes.Status201Created;
        await context.Response.WriteAsJsonAsync(new Dictionary<string, object?>
        {
            ["account_sid"] = AccountSid,
            ["call_sid"] = leg.CallSid,
            ["conference_sid"] = "CF" + Guid.NewGuid().ToString("N"),
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
        await context.Response.WriteAsJsonAsync(new Dictionary<string, object?>
        {
            ["sid"] = callSid,
            ["account_sid"] = AccountSid,
            ["status"] = form["Status"] == "completed" ? "completed" : "in-progress",
            ["uri"] = $"/2010-04-01/Accounts/{AccountSid}/Calls/{callSid}.json",
        });
    }
}
