using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using Contact.Tests.Support;
using static Contact.Tests.Support.Http;

namespace Contact.Tests.Http;

/// <summary>
/// Inbound service calls over HTTP, on each database: the API on a real socket, Twilio's part
/// played by the stand-in, which takes the legs the server rings and calls the voice webhooks
/// back, signed, in Twilio's order and also late, twice and out of order.
/// </summary>
public abstract class VoiceHttpSuite(DatabaseKind kind) : IAsyncLifetime
{
    private const string SalesNumber = "+15550100000";
    private const string Customer = "+15550199999";
    private static readonly TimeSpan patience = TimeSpan.FromSeconds(10);
    private readonly Database database = new(kind);
    private FakeTwilio twilio = null!;
    private ApiFactory api = null!;
    private string publicUrl = "";
    private int calls;

    public async Task InitializeAsync()
    {
        twilio = await FakeTwilio.StartAsync();
        (api, publicUrl) = ApiFactory.StartOnLoopback(database, url =>
        {
            var settings = twilio.SettingsFor(url);
            settings["Contact:Twilio:ApiKeySid"] = "SK0123456789abcdef0123456789abcdef";
            settings["Contact:Twilio:ApiKeySecret"] = "a-secret-of-thirty-two-characters";
            settings["Contact:Twilio:TwimlAppSid"] = "AP0123456789abcdef0123456789abcdef";
            return settings;
        });
        await api.PutServiceAsync("sales", new { name = "Sales", channels = new[] { "voice", "chat" }, wrapUpSeconds = 30, voiceNumber = SalesNumber });
    }

    public async Task DisposeAsync()
    {
        await api.DisposeAsync();
        await twilio.DisposeAsync();
        database.Dispose();
    }

    [Fact]
    public async Task A_call_is_offered_answered_on_the_softphone_connected_and_ends_in_wrap_up_when_the_caller_hangs_up()
    {
        using var ann = await api.ReadyAgentAsync("ann");
        using var events = await SseReader.OpenAsync(ann, "/api/v1/agents/ann/events");

        var (callId, conferenceCallback) = await CallInAsync();
        var offered = Data(await events.Until("call.offered", patience));
        Assert.Equal(callId, offered.GetProperty("interactionId").GetString());
        Assert.Equal(Customer, offered.GetProperty("details").GetProperty("customerPhone").GetString());
        Assert.Equal("Busy", await AgentStateAsync(ann, "ann"));

        var answered = await Json(await ann.PostAsync($"/api/v1/calls/{callId}/answer", null));
        Assert.Equal("Connecting", answered.GetProperty("state").GetString());
        var leg = Assert.Single(twilio.Participants);
        Assert.Equal(($"call-{callId}", SalesNumber, "client:ann", "agent", false), (leg.Conference, leg.From, leg.To, leg.Label, leg.EndConferenceOnExit));

        await Reported(twilio.ReportLegAsync(leg, "ringing"));
        await Reported(twilio.ReportLegAsync(leg, "in-progress"));
        Assert.Equal(callId, Data(await events.Until("call.connected", patience)).GetProperty("callId").GetString());
        // Late and repeated callbacks change nothing.
        await Reported(twilio.ReportLegAsync(leg, "ringing"));
        await Reported(twilio.ReportLegAsync(leg, "in-progress"));
        var connected = await Json(await ann.GetAsync($"/api/v1/calls/{callId}"));
        Assert.Equal("Connected", connected.GetProperty("state").GetString());
        Assert.NotEqual(JsonValueKind.Null, connected.GetProperty("answeredAt").ValueKind);

        await Reported(twilio.ConferenceEventAsync(conferenceCallback, $"call-{callId}", "participant-leave", callId));
        await Reported(twilio.ConferenceEventAsync(conferenceCallback, $"call-{callId}", "participant-leave", callId));
        Assert.Equal(callId, Data(await events.Until("call.ended", patience)).GetProperty("interactionId").GetString());
        var ended = await Json(await ann.GetAsync($"/api/v1/calls/{callId}"));
        Assert.Equal(("Ended", "the customer hung up"), (ended.GetProperty("state").GetString(), ended.GetProperty("endReason").GetString()));
        Assert.Equal("AfterCallWork", await AgentStateAsync(ann, "ann"));
        Assert.Equal([leg.CallSid], twilio.HungUp);

        var disposed = await Json(await ann.PutAsJsonAsync($"/api/v1/calls/{callId}/disposition", new { disposition = "Sale", notes = "two seats" }));
        Assert.Equal(("Sale", "two seats"), (disposed.GetProperty("disposition").GetString(), disposed.GetProperty("notes").GetString()));
    }

    [Fact]
    public async Task The_agent_on_an_external_phone_releases_the_call_and_both_legs_are_ended()
    {
        using var ann = await api.ReadyAgentAsync("ann");
        var device = await Json(await ann.PutAsJsonAsync("/api/v1/agents/ann/phone", new { device = "external", number = "(415) 555-0147" }));
        Assert.Equal(("External", "+14155550147"), (device.GetProperty("kind").GetString(), device.GetProperty("number").GetString()));
        var (callId, _) = await CallInAsync();

        await Eventually.Until(() => ann.PostAsync($"/api/v1/calls/{callId}/answer", null), r => r.IsSuccessStatusCode);
        var leg = Assert.Single(twilio.Participants);
        Assert.Equal("+14155550147", leg.To);
        await Reported(twilio.ReportLegAsync(leg, "in-progress"));

        var released = await Json(await ann.PostAsync($"/api/v1/calls/{callId}/release", null));
        Assert.Equal(("Ended", "released by agent ann"), (released.GetProperty("state").GetString(), released.GetProperty("endReason").GetString()));
        Assert.Equal([callId, leg.CallSid], twilio.HungUp.Order());
        Assert.Equal("AfterCallWork", await AgentStateAsync(ann, "ann"));
        // Twilio reports the legs it ended; the call has ended already and stays as it was.
        await Reported(twilio.ReportLegAsync(leg, "completed"));
        Assert.Equal("Ended", (await Json(await ann.PostAsync($"/api/v1/calls/{callId}/release", null))).GetProperty("state").GetString());
    }

    [Fact]
    public async Task A_rejected_call_goes_to_the_next_agent_and_a_phone_that_rings_out_sends_it_back_first_in_line()
    {
        using var ann = await api.ReadyAgentAsync("ann");
        var (callId, _) = await CallInAsync();
        await Eventually.Until(() => AgentStateAsync(ann, "ann"), state => state == "Busy");
        using var bob = await api.ReadyAgentAsync("bob");

        (await ann.PostAsync($"/api/v1/calls/{callId}/reject", null)).EnsureSuccessStatusCode();
        Assert.Equal("NotReady", await AgentStateAsync(ann, "ann"));
        await Eventually.Until(() => bob.PostAsync($"/api/v1/calls/{callId}/answer", null), r => r.IsSuccessStatusCode);
        var leg = Assert.Single(twilio.Participants);
        Assert.Equal("client:bob", leg.To);

        await Reported(twilio.ReportLegAsync(leg, "ringing"));
        await Reported(twilio.ReportLegAsync(leg, "no-answer"));
        var bobNow = await Json(await bob.GetAsync("/api/v1/agents/bob"));
        Assert.Equal(("NotReady", "NoAnswer"), (bobNow.GetProperty("state").GetString(), bobNow.GetProperty("reason").GetString()));
        var call = await Json(await bob.GetAsync($"/api/v1/calls/{callId}"));
        Assert.Equal("Queued", call.GetProperty("state").GetString());

        (await ann.PutAsJsonAsync("/api/v1/agents/ann/state", new { state = "Ready" })).EnsureSuccessStatusCode();
        await Eventually.Until(() => ann.PostAsync($"/api/v1/calls/{callId}/answer", null), r => r.IsSuccessStatusCode);
        Assert.Equal("client:ann", twilio.Participants[^1].To);
    }

    [Fact]
    public async Task A_banned_caller_and_a_call_to_a_number_no_service_has_hear_a_refusal_and_reach_nobody()
    {
        using var ann = await api.ReadyAgentAsync("ann");
        using var admin = await api.AdminAsync();
        var (callId, conferenceCallback) = await CallInAsync();
        var customerId = (await Json(await admin.GetAsync($"/api/v1/calls/{callId}"))).GetProperty("customerId").GetString();
        // The caller hangs up while the call is still offered: the offer is taken back.
        await Reported(twilio.ConferenceEventAsync(conferenceCallback, $"call-{callId}", "participant-leave", callId));
        (await admin.PostAsJsonAsync($"/api/v1/customers/{customerId}/ban", new { reason = "abusive" })).EnsureSuccessStatusCode();
        Assert.Equal("Ready", await AgentStateAsync(ann, "ann"));

        var refused = await TwiML(await twilio.CallInAsync(IncomingUrl, NextSid(), Customer, SalesNumber));
        Assert.NotNull(refused.Descendants("Say").SingleOrDefault());
        Assert.NotNull(refused.Descendants("Hangup").SingleOrDefault());
        Assert.Empty(refused.Descendants("Conference"));
        var elsewhere = await TwiML(await twilio.CallInAsync(IncomingUrl, NextSid(), "+15550123456", "+15550100999"));
        Assert.Contains("not in service", elsewhere.Descendants("Say").Single().Value);
        Assert.Equal("Ready", await AgentStateAsync(ann, "ann"));
    }

    [Fact]
    public async Task A_webhook_Twilio_sends_twice_queues_the_call_once()
    {
        using var ann = await api.ReadyAgentAsync("ann");
        using var events = await SseReader.OpenAsync(ann, "/api/v1/agents/ann/events");
        var sid = NextSid();
        var first = await (await twilio.CallInAsync(IncomingUrl, sid, Customer, SalesNumber)).Content.ReadAsStringAsync();
        var again = await (await twilio.CallInAsync(IncomingUrl, sid, Customer, SalesNumber)).Content.ReadAsStringAsync();
        Assert.Equal(first, again);
        await events.Until("call.offered", patience);
        using var admin = await api.AdminAsync();
        var queue = (await Json(await admin.GetAsync("/api/v1/services/sales"))).GetProperty("queue");
        Assert.Equal(sid, Assert.Single(queue.EnumerateArray()).GetProperty("chatId").GetString());
    }

    [Fact]
    public async Task Bad_webhooks_and_requests_get_their_codes_and_change_nothing()
    {
        using var ann = await api.ReadyAgentAsync("ann");
        using var bob = await api.ReadyAgentAsync("bob");
        using var admin = await api.AdminAsync();
        var unsigned = new FormUrlEncodedContent(new Dictionary<string, string> { ["CallSid"] = NextSid(), ["From"] = Customer, ["To"] = SalesNumber });
        await AssertProblem(await new HttpClient().PostAsync(IncomingUrl, unsigned), HttpStatusCode.Forbidden, "invalid-signature");
        await AssertProblem(await twilio.PostSignedAsync(IncomingUrl, new() { ["CallSid"] = NextSid(), ["From"] = Customer, ["To"] = SalesNumber },
            signature: "forged"), HttpStatusCode.Forbidden, "invalid-signature");
        await AssertProblem(await twilio.PostSignedAsync(IncomingUrl, new() { ["From"] = Customer, ["To"] = SalesNumber }), HttpStatusCode.BadRequest, "validation-failed");
        await AssertProblem(await twilio.PostSignedAsync(IncomingUrl, new() { ["CallSid"] = NextSid(), ["From"] = "nobody", ["To"] = SalesNumber }),
            HttpStatusCode.BadRequest, "validation-failed");
        var status = $"{publicUrl}/api/v1/twilio/voice/status";
        await AssertProblem(await twilio.PostSignedAsync($"{status}?callId=no-such-call&leg=agent", new() { ["CallSid"] = NextSid(), ["CallStatus"] = "ringing" }),
            HttpStatusCode.NotFound, "call-not-found");
        await AssertProblem(await twilio.PostSignedAsync($"{status}?callId=x&leg=agent", new() { ["CallSid"] = NextSid(), ["CallStatus"] = "dancing" }),
            HttpStatusCode.BadRequest, "validation-failed");
        await AssertProblem(await twilio.PostSignedAsync($"{status}?callId=x&leg=agent", new() { ["CallStatus"] = "ringing" }),
            HttpStatusCode.BadRequest, "validation-failed");
        Assert.Equal(["Ready", "Ready"], [await AgentStateAsync(ann, "ann"), await AgentStateAsync(bob, "bob")]);

        await AssertProblem(await ann.PostAsync("/api/v1/calls/no-such-call/answer", null), HttpStatusCode.NotFound, "call-not-found");
        await AssertProblem(await ann.PostAsync("/api/v1/calls/bad id!/answer", null), HttpStatusCode.BadRequest, "invalid-id");
        var (callId, _) = await CallInAsync();
        var offeredTo = await Eventually.Until(async () => (await AgentStateAsync(ann, "ann"), await AgentStateAsync(bob, "bob")), s => s.Item1 == "Busy" || s.Item2 == "Busy");
        var (mine, other) = offeredTo.Item1 == "Busy" ? (ann, bob) : (bob, ann);
        await AssertProblem(await other.PostAsync($"/api/v1/calls/{callId}/answer", null), HttpStatusCode.Conflict, "not-offered-to-you");
        await AssertProblem(await admin.PostAsync($"/api/v1/calls/{callId}/answer", null), HttpStatusCode.Forbidden, "forbidden");
        await AssertProblem(await other.PostAsync($"/api/v1/calls/{callId}/release", null), HttpStatusCode.Forbidden, "not-your-call");
        await AssertProblem(await other.GetAsync($"/api/v1/calls/{callId}"), HttpStatusCode.Forbidden, "forbidden");
        await AssertProblem(await mine.PutAsJsonAsync($"/api/v1/calls/{callId}/disposition", new { disposition = "" }), HttpStatusCode.BadRequest, "validation-failed");
        Assert.Empty(twilio.Participants);

        twilio.AnswerNext(HttpStatusCode.BadRequest, 21217, "Phone number is not a valid SIP or client address");
        await AssertProblem(await mine.PostAsync($"/api/v1/calls/{callId}/answer", null), HttpStatusCode.ServiceUnavailable, "phone-not-reached");
        Assert.Equal("Queued", (await Json(await admin.GetAsync($"/api/v1/calls/{callId}"))).GetProperty("state").GetString());
        await AssertProblem(await admin.PutAsJsonAsync("/api/v1/services/other", new { name = "Other", channels = new[] { "voice" }, voiceNumber = SalesNumber }),
            HttpStatusCode.Conflict, "voice-number-taken");
    }

    [Fact]
    public async Task Hold_mute_digits_and_recording_are_conference_operations_each_an_event_on_the_agents_stream()
    {
        using var ann = await api.ReadyAgentAsync("ann");
        using var events = await SseReader.OpenAsync(ann, "/api/v1/agents/ann/events");
        var (callId, _) = await CallInAsync();
        await Eventually.Until(() => ann.PostAsync($"/api/v1/calls/{callId}/answer", null), r => r.IsSuccessStatusCode);
        await AssertProblem(await ann.PostAsync($"/api/v1/calls/{callId}/hold", null), HttpStatusCode.Conflict, "call-not-connected");
        var agentLeg = Assert.Single(twilio.Participants);
        await Reported(twilio.ReportLegAsync(agentLeg, "in-progress"));
        var conference = twilio.ConferenceSidOf($"call-{callId}");

        var held = await Json(await ann.PostAsync($"/api/v1/calls/{callId}/hold", null));
        Assert.True(held.GetProperty("customerOnHold").GetBoolean());
        await ann.PostAsync($"/api/v1/calls/{callId}/hold", null);
        Assert.Equal(new FakeTwilioLegUpdate(conference, callId, true, null, null), Assert.Single(twilio.LegUpdates));
        Assert.Equal(callId, Data(await events.Until("call.held", patience)).GetProperty("callId").GetString());
        Assert.False((await Json(await ann.PostAsync($"/api/v1/calls/{callId}/retrieve", null))).GetProperty("customerOnHold").GetBoolean());
        await events.Until("call.retrieved", patience);
        Assert.True((await Json(await ann.PostAsync($"/api/v1/calls/{callId}/mute", null))).GetProperty("agentMuted").GetBoolean());
        await events.Until("call.muted", patience);
        (await ann.PostAsync($"/api/v1/calls/{callId}/unmute", null)).EnsureSuccessStatusCode();
        await events.Until("call.unmuted", patience);
        Assert.Equal([(callId, (bool?)false, (bool?)null), (agentLeg.CallSid, null, true), (agentLeg.CallSid, null, false)],
            twilio.LegUpdates.Skip(1).Select(u => (u.CallSid, u.Hold, u.Muted)));

        await AssertProblem(await ann.PostAsJsonAsync($"/api/v1/calls/{callId}/digits", new { digits = "12a" }), HttpStatusCode.BadRequest, "validation-failed");
        (await ann.PostAsJsonAsync($"/api/v1/calls/{callId}/digits", new { digits = "12#w3" })).EnsureSuccessStatusCode();
        Assert.Equal("12#w3", Data(await events.Until("call.digits", patience)).GetProperty("detail").GetString());
        var announce = twilio.LegUpdates[^1];
        Assert.Equal(callId, announce.CallSid);
        var play = await TwiML(await twilio.PostSignedAsync(announce.AnnounceUrl!, new() { ["CallSid"] = callId }));
        Assert.Equal("12#w3", play.Descendants("Play").Single().Attribute("digits")!.Value);

        (await ann.PostAsJsonAsync($"/api/v1/calls/{callId}/recording", new { action = "start" })).EnsureSuccessStatusCode();
        await AssertProblem(await ann.PostAsJsonAsync($"/api/v1/calls/{callId}/recording", new { action = "start" }), HttpStatusCode.Conflict, "recording-not-possible");
        await AssertProblem(await ann.PostAsJsonAsync($"/api/v1/calls/{callId}/recording", new { action = "rewind" }), HttpStatusCode.BadRequest, "malformed-json");
        (await ann.PostAsJsonAsync($"/api/v1/calls/{callId}/recording", new { action = "pause" })).EnsureSuccessStatusCode();
        (await ann.PostAsJsonAsync($"/api/v1/calls/{callId}/recording", new { action = "resume" })).EnsureSuccessStatusCode();
        var stopped = await Json(await ann.PostAsJsonAsync($"/api/v1/calls/{callId}/recording", new { action = "stop" }));
        Assert.Equal("stopped", Assert.Single(stopped.GetProperty("recordings").EnumerateArray()).GetProperty("status").GetString());
        await AssertProblem(await ann.PostAsJsonAsync($"/api/v1/calls/{callId}/recording", new { action = "pause" }), HttpStatusCode.Conflict, "recording-not-possible");
        var recording = Assert.Single(twilio.Recordings);
        Assert.Equal(callId, recording.CallSid);
        Assert.Equal(["in-progress", "paused", "in-progress", "stopped"], recording.Statuses);
        foreach (var status in recording.Statuses)
        {
            Assert.Equal(status, Data(await events.Until("call.recording", patience)).GetProperty("detail").GetString());
        }

        await Reported(twilio.ReportRecordingAsync(recording, "completed", durationSeconds: 42));
        await Reported(twilio.ReportRecordingAsync(recording, "completed", durationSeconds: 42));
        var listed = Assert.Single((await Json(await ann.GetAsync($"/api/v1/calls/{callId}"))).GetProperty("recordings").EnumerateArray());
        Assert.Equal((recording.Sid, "completed", 42), (listed.GetProperty("sid").GetString(), listed.GetProperty("status").GetString(), listed.GetProperty("durationSeconds").GetInt32()));

        twilio.AnswerNext(HttpStatusCode.NotFound, 20404, "The requested resource was not found");
        await AssertProblem(await ann.PostAsync($"/api/v1/calls/{callId}/hold", null), HttpStatusCode.ServiceUnavailable, "voice-provider-failed");
        Assert.False((await Json(await ann.GetAsync($"/api/v1/calls/{callId}"))).GetProperty("customerOnHold").GetBoolean());
    }

    [Fact]
    public async Task A_blind_transfer_to_a_service_holds_the_caller_until_an_agent_there_answers()
    {
        using var admin = await api.AdminAsync();
        await api.PutServiceAsync("support", new { name = "Support", channels = new[] { "voice" }, wrapUpSeconds = 0 });
        using var ann = await api.ReadyAgentAsync("ann");
        var (callId, conferenceCallback, annLeg) = await ConnectedCallAsync(ann, "ann");
        (await admin.PutAsJsonAsync("/api/v1/agents/bob", new { name = "Bob", password = "password-bob", services = new[] { "support" } })).EnsureSuccessStatusCode();
        using var bob = await api.LoginAsync("bob", "password-bob");
        (await bob.PostAsync("/api/v1/agents/bob/session", null)).EnsureSuccessStatusCode();
        (await bob.PutAsJsonAsync("/api/v1/agents/bob/state", new { state = "Ready" })).EnsureSuccessStatusCode();

        var moved = await Json(await ann.PostAsJsonAsync($"/api/v1/calls/{callId}/transfer", new { serviceId = "support" }));
        Assert.Equal(("Queued", "support", JsonValueKind.Null), (moved.GetProperty("state").GetString(), moved.GetProperty("serviceId").GetString(), moved.GetProperty("agentId").ValueKind));
        Assert.True(moved.GetProperty("customerOnHold").GetBoolean());
        Assert.Equal("AfterCallWork", await AgentStateAsync(ann, "ann"));
        Assert.Contains(annLeg.CallSid, twilio.HungUp);

        await Eventually.Until(() => bob.PostAsync($"/api/v1/calls/{callId}/answer", null), r => r.IsSuccessStatusCode);
        var bobLeg = twilio.Participants[^1];
        Assert.Equal("client:bob", bobLeg.To);
        await Reported(twilio.ReportLegAsync(bobLeg, "in-progress"));
        Assert.Equal((callId, (bool?)false), (twilio.LegUpdates[^1].CallSid, twilio.LegUpdates[^1].Hold));
        var withBob = await Json(await bob.GetAsync($"/api/v1/calls/{callId}"));
        Assert.Equal(("Connected", "bob", false), (withBob.GetProperty("state").GetString(), withBob.GetProperty("agentId").GetString(), withBob.GetProperty("customerOnHold").GetBoolean()));
        // Ann's old leg reports its end late: it belongs to nobody now.
        await Reported(twilio.ReportLegAsync(annLeg, "completed"));
        Assert.Equal("Connected", (await Json(await bob.GetAsync($"/api/v1/calls/{callId}"))).GetProperty("state").GetString());

        await Reported(twilio.ConferenceEventAsync(conferenceCallback, $"call-{callId}", "participant-leave", callId));
        Assert.Equal("AfterCallWork", await AgentStateAsync(bob, "bob"));
        Assert.Equal("Ended", (await Json(await ann.PostAsync($"/api/v1/calls/{callId}/release", null))).GetProperty("state").GetString());
    }

    [Fact]
    public async Task A_consulted_agent_joins_a_conference_of_three_and_takes_the_call_when_the_agent_hangs_up()
    {
        using var ann = await api.ReadyAgentAsync("ann");
        var (callId, _, annLeg) = await ConnectedCallAsync(ann, "ann");
        using var bob = await api.ReadyAgentAsync("bob");
        using var annEvents = await SseReader.OpenAsync(ann, "/api/v1/agents/ann/events");
        using var bobEvents = await SseReader.OpenAsync(bob, "/api/v1/agents/bob/events");

        var consulting = await Json(await ann.PostAsJsonAsync($"/api/v1/calls/{callId}/consult", new { agentId = "bob" }));
        Assert.True(consulting.GetProperty("customerOnHold").GetBoolean());
        Assert.Equal("bob", consulting.GetProperty("consultation").GetProperty("agentId").GetString());
        var bobLeg = twilio.Participants[^1];
        Assert.Equal(("client:bob", "consult"), (bobLeg.To, bobLeg.Label));
        Assert.Equal("Busy", await AgentStateAsync(bob, "bob"));
        Assert.Equal("bob", Data(await annEvents.Until("call.consulting", patience)).GetProperty("detail").GetString());
        await AssertProblem(await ann.PostAsync($"/api/v1/calls/{callId}/consultation/transfer", null), HttpStatusCode.Conflict, "consultation-not-connected");
        await AssertProblem(await ann.PostAsJsonAsync($"/api/v1/calls/{callId}/consult", new { number = "+14155550100" }), HttpStatusCode.Conflict, "consultation-under-way");

        await Reported(twilio.ReportLegAsync(bobLeg, "in-progress"));
        await annEvents.Until("call.consultation-connected", patience);
        var conferenced = await Json(await ann.PostAsync($"/api/v1/calls/{callId}/consultation/conference", null));
        Assert.False(conferenced.GetProperty("customerOnHold").GetBoolean());
        Assert.True(conferenced.GetProperty("consultation").GetProperty("conferenced").GetBoolean());
        await annEvents.Until("call.conferenced", patience);

        // Ann hangs up her phone: Bob has the call now, and Ann goes to wrap-up.
        await Reported(twilio.ReportLegAsync(annLeg, "completed"));
        Assert.Equal(callId, Data(await bobEvents.Until("call.connected", patience)).GetProperty("callId").GetString());
        var withBob = await Json(await bob.GetAsync($"/api/v1/calls/{callId}"));
        Assert.Equal(("Connected", "bob", JsonValueKind.Null), (withBob.GetProperty("state").GetString(), withBob.GetProperty("agentId").GetString(), withBob.GetProperty("consultation").ValueKind));
        Assert.Equal("AfterCallWork", await AgentStateAsync(ann, "ann"));
        (await bob.PostAsync($"/api/v1/calls/{callId}/hold", null)).EnsureSuccessStatusCode();

        var ended = await Json(await bob.PostAsync($"/api/v1/calls/{callId}/release", null));
        Assert.Equal("Ended", ended.GetProperty("state").GetString());
        Assert.Contains(bobLeg.CallSid, twilio.HungUp);
        Assert.Equal("AfterCallWork", await AgentStateAsync(bob, "bob"));
    }

    [Fact]
    public async Task A_consulted_number_can_be_cancelled_or_not_answer_and_a_transfer_to_a_number_leaves_it_with_the_caller()
    {
        using var ann = await api.ReadyAgentAsync("ann");
        using var events = await SseReader.OpenAsync(ann, "/api/v1/agents/ann/events");
        var (callId, conferenceCallback, _) = await ConnectedCallAsync(ann, "ann");

        (await ann.PostAsJsonAsync($"/api/v1/calls/{callId}/consult", new { number = "(415) 555-0100" })).EnsureSuccessStatusCode();
        var expert = twilio.Participants[^1];
        Assert.Equal(("+14155550100", "consult"), (expert.To, expert.Label));
        var cancelled = await Json(await ann.PostAsync($"/api/v1/calls/{callId}/consultation/cancel", null));
        Assert.Equal((JsonValueKind.Null, false), (cancelled.GetProperty("consultation").ValueKind, cancelled.GetProperty("customerOnHold").GetBoolean()));
        Assert.Contains(expert.CallSid, twilio.HungUp);

        (await ann.PostAsJsonAsync($"/api/v1/calls/{callId}/consult", new { number = "+14155550100" })).EnsureSuccessStatusCode();
        await Reported(twilio.ReportLegAsync(twilio.Participants[^1], "no-answer"));
        Assert.Equal("+14155550100", Data(await events.Until("call.consultation-ended", patience)).GetProperty("detail").GetString());
        Assert.Equal(JsonValueKind.Null, (await Json(await ann.GetAsync($"/api/v1/calls/{callId}"))).GetProperty("consultation").ValueKind);

        var transferred = await Json(await ann.PostAsJsonAsync($"/api/v1/calls/{callId}/transfer", new { number = "+14155550100" }));
        Assert.Equal(("Connected", "+14155550100", JsonValueKind.Null),
            (transferred.GetProperty("state").GetString(), transferred.GetProperty("externalNumber").GetString(), transferred.GetProperty("agentId").ValueKind));
        var outside = twilio.Participants[^1];
        Assert.Equal("external", outside.Label);
        Assert.Equal("AfterCallWork", await AgentStateAsync(ann, "ann"));
        await Reported(twilio.ReportLegAsync(outside, "in-progress"));
        Assert.Equal((callId, (bool?)false), (twilio.LegUpdates[^1].CallSid, twilio.LegUpdates[^1].Hold));

        await Reported(twilio.ConferenceEventAsync(conferenceCallback, $"call-{callId}", "participant-leave", callId));
        Assert.Equal("Ended", (await Json(await ann.GetAsync($"/api/v1/calls/{callId}"))).GetProperty("state").GetString());
        Assert.Contains(outside.CallSid, twilio.HungUp);
    }

    [Fact]
    public async Task Transfers_and_consultations_that_cannot_be_done_change_nothing()
    {
        using var ann = await api.ReadyAgentAsync("ann");
        var (callId, _, _) = await ConnectedCallAsync(ann, "ann");
        using var bob = await api.CreateAgentAsync("bob");
        await api.PutServiceAsync("web", new { name = "Web", channels = new[] { "chat" } });
        var transfer = $"/api/v1/calls/{callId}/transfer";

        await AssertProblem(await ann.PostAsJsonAsync(transfer, new { agentId = "bob", number = "+14155550100" }), HttpStatusCode.BadRequest, "validation-failed");
        await AssertProblem(await ann.PostAsJsonAsync(transfer, new { }), HttpStatusCode.BadRequest, "validation-failed");
        await AssertProblem(await ann.PostAsJsonAsync(transfer, new { number = "call me" }), HttpStatusCode.BadRequest, "validation-failed");
        await AssertProblem(await ann.PostAsJsonAsync($"/api/v1/calls/{callId}/consult", new { serviceId = "web" }), HttpStatusCode.BadRequest, "validation-failed");
        await AssertProblem(await ann.PostAsJsonAsync(transfer, new { agentId = "ann" }), HttpStatusCode.Conflict, "transfer-to-self");
        await AssertProblem(await ann.PostAsJsonAsync(transfer, new { serviceId = "nope" }), HttpStatusCode.NotFound, "service-not-found");
        await AssertProblem(await ann.PostAsJsonAsync(transfer, new { serviceId = "web" }), HttpStatusCode.Conflict, "channel-not-offered");
        // Bob is logged out: he cannot take it, and the caller is back with Ann.
        await AssertProblem(await ann.PostAsJsonAsync(transfer, new { agentId = "bob" }), HttpStatusCode.Conflict, "agent-not-available");
        await AssertProblem(await ann.PostAsJsonAsync($"/api/v1/calls/{callId}/consult", new { agentId = "bob" }), HttpStatusCode.Conflict, "agent-not-available");
        await AssertProblem(await ann.PostAsync($"/api/v1/calls/{callId}/consultation/conference", null), HttpStatusCode.Conflict, "no-consultation");
        await AssertProblem(await bob.PostAsJsonAsync(transfer, new { serviceId = "sales" }), HttpStatusCode.Forbidden, "not-your-call");

        var call = await Json(await ann.GetAsync($"/api/v1/calls/{callId}"));
        Assert.Equal(("Connected", "ann", false), (call.GetProperty("state").GetString(), call.GetProperty("agentId").GetString(), call.GetProperty("customerOnHold").GetBoolean()));
        Assert.Equal("Busy", await AgentStateAsync(ann, "ann"));
        Assert.Single(twilio.Participants);
    }

    [Fact]
    public async Task An_agent_places_a_call_its_phone_rings_first_and_the_call_ends_in_wrap_up()
    {
        using var ann = await api.ReadyAgentAsync("ann");
        using var events = await SseReader.OpenAsync(ann, "/api/v1/agents/ann/events");

        var response = await ann.PostAsJsonAsync("/api/v1/calls", new { serviceId = "sales", to = "(415) 555-0188" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var placed = await Json(response);
        var callId = placed.GetProperty("id").GetString()!;
        Assert.Equal($"/api/v1/calls/{callId}", response.Headers.Location?.OriginalString);
        Assert.Equal(("Outbound", "Connecting", "+14155550188", SalesNumber), (placed.GetProperty("direction").GetString(), placed.GetProperty("state").GetString(),
            placed.GetProperty("customerNumber").GetString(), placed.GetProperty("serviceNumber").GetString()));
        Assert.Equal([("client:ann", "agent", false, (string?)null), ("+14155550188", "customer", true, null)],
            twilio.Participants.Select(p => (p.To, p.Label!, p.EndConferenceOnExit, p.MachineDetection)));
        Assert.Equal(callId, Data(await events.Until("call.placed", patience)).GetProperty("interactionId").GetString());
        Assert.Equal("+14155550188", Data(await events.Until("call.dialing", patience)).GetProperty("detail").GetString());
        Assert.Equal("Busy", await AgentStateAsync(ann, "ann"));
        await AssertProblem(await ann.PostAsJsonAsync("/api/v1/calls", new { serviceId = "sales", to = "+14155550199" }), HttpStatusCode.Conflict, "agent-not-available");

        var customer = twilio.Participants[1];
        await Reported(twilio.ReportLegAsync(twilio.Participants[0], "in-progress"));
        Assert.Equal("Connecting", (await Json(await ann.GetAsync($"/api/v1/calls/{callId}"))).GetProperty("state").GetString());
        await Reported(twilio.ReportLegAsync(customer, "ringing"));
        await Reported(twilio.ReportLegAsync(customer, "in-progress"));
        await events.Until("call.connected", patience);
        await Reported(twilio.ReportLegAsync(customer, "completed"));
        Assert.Equal("the customer hung up", Data(await events.Until("call.disconnected", patience)).GetProperty("detail").GetString());
        Assert.Equal("AfterCallWork", await AgentStateAsync(ann, "ann"));

        // From Not Ready: a busy line ends the call, and after wrap-up the agent is Not Ready again.
        (await ann.PutAsJsonAsync("/api/v1/agents/ann/state", new { state = "NotReady", reason = "Break" })).EnsureSuccessStatusCode();
        var again = await Json(await ann.PostAsJsonAsync("/api/v1/calls", new { serviceId = "sales", to = "+14155550188" }));
        Assert.Equal("Busy", await AgentStateAsync(ann, "ann"));
        await Reported(twilio.ReportLegAsync(twilio.Participants[^1], "busy"));
        var busy = await Json(await ann.GetAsync($"/api/v1/calls/{again.GetProperty("id").GetString()}"));
        Assert.Equal(("Ended", "the customer's line: busy"), (busy.GetProperty("state").GetString(), busy.GetProperty("endReason").GetString()));
        var agent = await Json(await ann.GetAsync("/api/v1/agents/ann"));
        Assert.Equal(("AfterCallWork", "NotReady", "Break"), (agent.GetProperty("state").GetString(), agent.GetProperty("pendingState").GetString(), agent.GetProperty("pendingReason").GetString()));
    }

    [Fact]
    public async Task Calls_that_may_not_be_placed_are_refused_and_ring_nobody()
    {
        using var ann = await api.ReadyAgentAsync("ann");
        using var admin = await api.AdminAsync();
        await api.PutServiceAsync("web", new { name = "Web", channels = new[] { "voice" } });
        await api.PutServiceAsync("other", new { name = "Other", channels = new[] { "voice" }, voiceNumber = "+15550100001" });
        (await admin.PutAsync("/api/v1/dnc/+14155550177", null)).EnsureSuccessStatusCode();

        await AssertProblem(await ann.PostAsJsonAsync("/api/v1/calls", new { serviceId = "sales", to = "nobody" }), HttpStatusCode.BadRequest, "validation-failed");
        await AssertProblem(await ann.PostAsJsonAsync("/api/v1/calls", new { to = "+14155550188" }), HttpStatusCode.BadRequest, "validation-failed");
        await AssertProblem(await ann.PostAsJsonAsync("/api/v1/calls", new { serviceId = "sales", to = "+14155550177" }), HttpStatusCode.Conflict, "number-on-dnc");
        await AssertProblem(await ann.PostAsJsonAsync("/api/v1/calls", new { serviceId = "web", to = "+14155550188" }), HttpStatusCode.Conflict, "voice-number-missing");
        await AssertProblem(await ann.PostAsJsonAsync("/api/v1/calls", new { serviceId = "other", to = "+14155550188" }), HttpStatusCode.Forbidden, "service-not-yours");
        await AssertProblem(await ann.PostAsJsonAsync("/api/v1/calls", new { serviceId = "nope", to = "+14155550188" }), HttpStatusCode.NotFound, "service-not-found");
        await AssertProblem(await admin.PostAsJsonAsync("/api/v1/calls", new { serviceId = "sales", to = "+14155550188" }), HttpStatusCode.Forbidden, "forbidden");
        (await ann.DeleteAsync("/api/v1/agents/ann/session")).EnsureSuccessStatusCode();
        await AssertProblem(await ann.PostAsJsonAsync("/api/v1/calls", new { serviceId = "sales", to = "+14155550188" }), HttpStatusCode.Conflict, "illegal-transition");
        Assert.Empty(twilio.Participants);
        Assert.Equal("LoggedOut", await AgentStateAsync(ann, "ann"));
    }

    [Fact]
    public async Task An_agent_chooses_its_phone_and_gets_a_softphone_token_for_itself_only()
    {
        using var ann = await api.ReadyAgentAsync("ann");
        using var sue = await api.CreateAgentAsync("sue", "supervisor");
        Assert.Equal("Softphone", (await Json(await ann.GetAsync("/api/v1/agents/ann/phone"))).GetProperty("kind").GetString());
        await AssertProblem(await ann.PutAsJsonAsync("/api/v1/agents/ann/phone", new { device = "external", number = "not a number" }), HttpStatusCode.BadRequest, "validation-failed");
        await AssertProblem(await ann.PutAsJsonAsync("/api/v1/agents/ann/phone", new { device = "softphone", number = "+14155550147" }), HttpStatusCode.BadRequest, "validation-failed");
        await AssertProblem(await ann.PutAsJsonAsync("/api/v1/agents/ann/phone", new { number = "+14155550147" }), HttpStatusCode.BadRequest, "validation-failed");
        await AssertProblem(await ann.PutAsJsonAsync("/api/v1/agents/sue/phone", new { device = "softphone" }), HttpStatusCode.Forbidden, "forbidden");

        var token = await Json(await ann.PostAsync("/api/v1/agents/ann/phone/token", null));
        Assert.Equal("ann", token.GetProperty("identity").GetString());
        var claims = JwtClaims(token.GetProperty("token").GetString()!);
        var grants = claims.GetProperty("grants");
        Assert.Equal("ann", grants.GetProperty("identity").GetString());
        Assert.True(grants.GetProperty("voice").GetProperty("incoming").GetProperty("allow").GetBoolean());
        Assert.Equal("AP0123456789abcdef0123456789abcdef", grants.GetProperty("voice").GetProperty("outgoing").GetProperty("application_sid").GetString());
        Assert.Equal("SK0123456789abcdef0123456789abcdef", claims.GetProperty("iss").GetString());
        await AssertProblem(await sue.PostAsync("/api/v1/agents/ann/phone/token", null), HttpStatusCode.Forbidden, "forbidden");
    }

    private string IncomingUrl => $"{publicUrl}/api/v1/twilio/voice";

    /// <summary>A call that the agent answered and whose phone picked up: the call's id, the conference's callback, the agent's leg.</summary>
    private async Task<(string CallId, string ConferenceCallback, FakeTwilioParticipant AgentLeg)> ConnectedCallAsync(HttpClient agent, string agentId)
    {
        var (callId, conferenceCallback) = await CallInAsync();
        await Eventually.Until(() => agent.PostAsync($"/api/v1/calls/{callId}/answer", null), r => r.IsSuccessStatusCode);
        var leg = twilio.Participants.Last(p => p.To == $"client:{agentId}");
        await Reported(twilio.ReportLegAsync(leg, "in-progress"));
        Assert.Equal("Connected", (await Json(await agent.GetAsync($"/api/v1/calls/{callId}"))).GetProperty("state").GetString());
        return (callId, conferenceCallback, leg);
    }

    /// <summary>A call from the customer to the sales number; its id and the conference's status callback from the TwiML.</summary>
    private async Task<(string CallId, string ConferenceCallback)> CallInAsync()
    {
        var sid = NextSid();
        var twiml = await TwiML(await twilio.CallInAsync(IncomingUrl, sid, Customer, SalesNumber));
        var conference = twiml.Descendants("Conference").Single();
        Assert.Equal($"call-{sid}", conference.Value);
        Assert.Equal("false", conference.Attribute("startConferenceOnEnter")?.Value);
        return (sid, conference.Attribute("statusCallback")!.Value);
    }

    private static async Task<XDocument> TwiML(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/xml", response.Content.Headers.ContentType?.MediaType);
        return XDocument.Parse(await response.Content.ReadAsStringAsync());
    }

    private static async Task Reported(Task<HttpResponseMessage> callback)
    {
        var response = await callback;
        Assert.True(response.StatusCode == HttpStatusCode.NoContent, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    private string NextSid() => $"CA{Interlocked.Increment(ref calls):D32}";
}

public sealed class SqliteVoiceHttpTests() : VoiceHttpSuite(DatabaseKind.Sqlite);

public sealed class PostgresVoiceHttpTests() : VoiceHttpSuite(DatabaseKind.Postgres);
