using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Contact.Tests.Support;
using static Contact.Tests.Support.Http;

namespace Contact.Tests.Campaigns;

/// <summary>Campaigns that dial by themselves, over HTTP on each database, against Twilio's stand-in: who answers decides what happens.</summary>
public abstract class DialerHttpSuite(DatabaseKind kind) : CampaignHttpTestBase(kind)
{
    private const string Records = "name,phone1\nCarol Diaz,+12125550101\nDan Evans,+12125550103\nErin Ford,+12125550104\n";

    [Fact]
    public async Task A_progressive_campaign_dials_for_its_Ready_agent_and_what_nobody_answered_ends_by_itself()
    {
        await PutCampaign("renewals", mode: "progressive");
        await Import("renewals", Records);
        using var ann = await Join("renewals", "ann");
        using var events = await SseReader.OpenAsync(ann, "/api/v1/agents/ann/events");
        await Start("renewals");

        // One Ready agent, one call: the customer alone is rung, with machine detection; the agent waits Ready.
        var carol = await NextDialAsync(1);
        Assert.Equal(("+12125550101", SalesNumber, "Enable", true), (carol.To, carol.From, carol.MachineDetection, carol.EndConferenceOnExit));
        Assert.Equal("Ready", await AgentStateAsync(ann, "ann"));
        await twilio.ReportLegAsync(carol, "in-progress");
        await twilio.AnsweredByAsync(carol, "human");
        var offered = Data(await events.Until("call.offered", patience)).GetProperty("details");
        Assert.Equal(("Renewals", "Carol Diaz", "+12125550101"), (offered.GetProperty("campaignName").GetString(),
            offered.GetProperty("customerName").GetString(), offered.GetProperty("customerPhone").GetString()));
        var callId = offered.GetProperty("callId").GetString()!;
        var recordId = offered.GetProperty("recordId").GetString()!;
        Assert.Single(twilio.Participants);

        (await ann.PostAsync($"/api/v1/calls/{callId}/answer", null)).EnsureSuccessStatusCode();
        var agentLeg = twilio.Participants[1];
        Assert.Equal("client:ann", agentLeg.To);
        await twilio.ReportLegAsync(agentLeg, "in-progress");
        Assert.Equal("Connected", (await Json(await ann.GetAsync($"/api/v1/calls/{callId}"))).GetProperty("state").GetString());
        var call = await Json(await ann.PutAsJsonAsync($"/api/v1/calls/{callId}/disposition", new { disposition = "Sale" }));
        Assert.Equal(("Ended", "Sale"), (call.GetProperty("state").GetString(), call.GetProperty("disposition").GetString()));
        using var admin = await api.AdminAsync();
        var record = await Json(await admin.GetAsync($"/api/v1/records/{recordId}"));
        var attempt = Assert.Single(record.GetProperty("history").EnumerateArray());
        Assert.Equal(("Completed", "Sale", "ann", callId), (record.GetProperty("state").GetString(), attempt.GetProperty("disposition").GetString(),
            attempt.GetProperty("agentId").GetString(), attempt.GetProperty("callId").GetString()));

        // After wrap-up the agent is Ready, and the next record is dialed: busy, then a machine.
        await ann.PutAsJsonAsync("/api/v1/agents/ann/state", new { state = "Ready" });
        var dan = await NextDialAsync(3);
        Assert.Equal("+12125550103", dan.To);
        await twilio.ReportLegAsync(dan, "busy");
        var erin = await NextDialAsync(4);
        await twilio.ReportLegAsync(erin, "in-progress");
        await twilio.AnsweredByAsync(erin, "machine_start");
        await Eventually.Until(() => Task.FromResult(twilio.HungUp.Contains(erin.CallSid)), hungUp => hungUp);

        var stats = await Eventually.Until(async () => await Json(await admin.GetAsync("/api/v1/campaigns/renewals/stats")),
            s => s.GetProperty("dispositions").TryGetProperty("Answering Machine", out _));
        var dispositions = stats.GetProperty("dispositions");
        Assert.Equal((1, 1, 1), (dispositions.GetProperty("Sale").GetInt32(), dispositions.GetProperty("Busy").GetInt32(),
            dispositions.GetProperty("Answering Machine").GetInt32()));
        // Busy and machine are retried under the campaign's rules: waiting for their time, nothing ringing.
        Assert.Equal(2, stats.GetProperty("states").GetProperty("Scheduled").GetInt32());
        Assert.Equal(4, twilio.Participants.Count);
        Assert.Equal("Ready", await AgentStateAsync(ann, "ann"));
        var dialing = stats.GetProperty("dialing");
        Assert.Equal((3, 1, 1, 0, 1), (dialing.GetProperty("dials").GetInt32(), dialing.GetProperty("answers").GetInt32(),
            dialing.GetProperty("machines").GetInt32(), dialing.GetProperty("abandons").GetInt32(), dialing.GetProperty("connects").GetInt32()));
    }

    [Fact]
    public async Task A_machine_hears_the_campaigns_message_a_person_nobody_takes_in_2_s_hears_the_abandon_message_and_calls_can_be_answered_for_the_agent()
    {
        await PutCampaign("renewals", mode: "progressive", more: new()
        {
            ["autoAccept"] = true, ["machine"] = "message", ["machineMessage"] = "Your renewal is due.", ["abandonMessage"] = "Sorry, we will call again.",
        });
        await Import("renewals", Records);
        using var ann = await Join("renewals", "ann");
        await Start("renewals");

        var carol = await NextDialAsync(1);
        Assert.Equal("DetectMessageEnd", carol.MachineDetection);
        await twilio.ReportLegAsync(carol, "in-progress");
        await twilio.AnsweredByAsync(carol, "machine_end_beep");
        var message = await Eventually.Until(() => Task.FromResult(twilio.Redirected), r => r.Count == 1);
        Assert.Equal(carol.CallSid, message[0].CallSid);
        Assert.Contains("Your renewal is due.", message[0].Twiml);
        Assert.Contains("<Hangup", message[0].Twiml);

        // The agent steps away while Dan's line rings: Dan answers and nobody is there.
        var dan = await NextDialAsync(2);
        (await ann.PutAsJsonAsync("/api/v1/agents/ann/state", new { state = "NotReady" })).EnsureSuccessStatusCode();
        await twilio.ReportLegAsync(dan, "in-progress");
        await twilio.AnsweredByAsync(dan, "human");
        Assert.Single(twilio.Redirected);
        var abandoned = await Eventually.Until(() =>
        {
            time.Advance(TimeSpan.FromMilliseconds(250));
            return Task.FromResult(twilio.Redirected);
        }, r => r.Count == 2);
        Assert.Equal(dan.CallSid, abandoned[1].CallSid);
        Assert.Contains("Sorry, we will call again.", abandoned[1].Twiml);
        using var admin = await api.AdminAsync();
        var stats = await Eventually.Until(async () => await Json(await admin.GetAsync("/api/v1/campaigns/renewals/stats")),
            s => s.GetProperty("dispositions").TryGetProperty("Abandoned", out _));
        Assert.Equal(1, stats.GetProperty("dispositions").GetProperty("Answering Machine").GetInt32());
        var dialing = stats.GetProperty("dialing");
        Assert.Equal((2, 1, 1, 1.0), (dialing.GetProperty("dials").GetInt32(), dialing.GetProperty("answers").GetInt32(),
            dialing.GetProperty("abandons").GetInt32(), dialing.GetProperty("abandonRate").GetDouble()));

        // Back to Ready: Erin answers, and the call is answered for the agent.
        (await ann.PutAsJsonAsync("/api/v1/agents/ann/state", new { state = "Ready" })).EnsureSuccessStatusCode();
        var erin = await NextDialAsync(3);
        await twilio.ReportLegAsync(erin, "in-progress");
        await twilio.AnsweredByAsync(erin, "human");
        var agentLeg = await NextDialAsync(4);
        Assert.Equal("client:ann", agentLeg.To);
        Assert.Equal("Busy", await AgentStateAsync(ann, "ann"));
    }

    [Fact]
    public async Task An_agent_who_does_not_answer_a_campaign_call_in_time_is_Not_Ready_and_the_customer_hears_the_abandon_message()
    {
        await PutCampaign("renewals", mode: "progressive");
        await Import("renewals", "name,phone1\nCarol Diaz,+12125550101\n");
        using var ann = await Join("renewals", "ann");
        await Start("renewals");
        var carol = await NextDialAsync(1);
        await twilio.ReportLegAsync(carol, "in-progress");
        await twilio.AnsweredByAsync(carol, "human");
        await Eventually.Until(() => AgentStateAsync(ann, "ann"), state => state == "Busy");

        // The sales service's offer timeout is 20 s.
        time.Advance(TimeSpan.FromSeconds(21));
        var agent = await Eventually.Until(async () => await Json(await ann.GetAsync("/api/v1/agents/ann")), a => a.GetProperty("state").GetString() == "NotReady");
        Assert.Equal("NoAnswer", agent.GetProperty("reason").GetString());
        var farewell = await Eventually.Until(() => Task.FromResult(twilio.Redirected), r => r.Count == 1);
        Assert.Equal(carol.CallSid, farewell[0].CallSid);
        Assert.Contains("agents are busy", farewell[0].Twiml);
    }

    [Fact]
    public async Task A_predictive_campaign_dials_as_progressive_until_it_has_measured_its_answers_and_keeps_looking_every_second()
    {
        await PutCampaign("renewals", mode: "predictive", more: new() { ["autoAccept"] = true, ["abandonLimit"] = 0.02 });
        await Import("renewals", Records);
        using var ann = await Join("renewals", "ann");
        using var bob = await Join("renewals", "bob");
        await Start("renewals");

        // Nothing measured yet: one call for each Ready agent, however often the campaign looks.
        var first = await NextDialAsync(2);
        for (var second = 0; second < 5; second++) time.Advance(TimeSpan.FromSeconds(1));
        await Task.Delay(200);
        Assert.Equal(2, twilio.Participants.Count);
        await twilio.ReportLegAsync(first, "no-answer");
        var third = await NextDialAsync(3);
        Assert.NotEqual(first.To, third.To);

        await twilio.ReportLegAsync(third, "in-progress");
        await twilio.AnsweredByAsync(third, "human");
        var agentLeg = await NextDialAsync(4);
        Assert.StartsWith("client:", agentLeg.To);
        using var admin = await api.AdminAsync();
        var campaign = await Json(await admin.GetAsync("/api/v1/campaigns/renewals"));
        Assert.Equal(("Predictive", 0.02), (campaign.GetProperty("config").GetProperty("mode").GetString(),
            campaign.GetProperty("config").GetProperty("abandonLimit").GetDouble()));
        var dialing = (await Json(await admin.GetAsync("/api/v1/campaigns/renewals/stats"))).GetProperty("dialing");
        Assert.Equal((2, 1, 1), (dialing.GetProperty("dials").GetInt32(), dialing.GetProperty("answers").GetInt32(), dialing.GetProperty("connects").GetInt32()));
    }

    [Fact]
    public async Task A_dialing_campaign_without_voice_or_with_bad_settings_is_refused_and_changes_nothing()
    {
        using var admin = await api.AdminAsync();
        await api.PutServiceAsync("chat-only", new { name = "Chat only", channels = new[] { "chat" } });
        var body = new Dictionary<string, object?>
        {
            ["name"] = "Renewals", ["mode"] = "progressive", ["serviceId"] = "chat-only", ["machine"] = "message", ["abandonLimit"] = 0.05,
            ["abandonMessage"] = new string('x', 1001),
        };
        var invalid = await admin.PutAsJsonAsync("/api/v1/campaigns/renewals", body);
        await AssertProblem(invalid, HttpStatusCode.BadRequest, "validation-failed");
        var fields = (await Json(invalid)).GetProperty("errors").EnumerateObject().Select(e => e.Name).Order().ToList();
        Assert.Equal(["abandonLimit", "abandonMessage", "machineMessage"], fields);
        await AssertProblem(await admin.PutAsJsonAsync("/api/v1/campaigns/renewals", new { name = "Renewals", mode = "progressive", serviceId = "sales", machine = "fax" }),
            HttpStatusCode.BadRequest, "malformed-json");

        (await admin.PutAsJsonAsync("/api/v1/campaigns/renewals", new { name = "Renewals", mode = "progressive", serviceId = "chat-only" })).EnsureSuccessStatusCode();
        await AssertProblem(await admin.PostAsync("/api/v1/campaigns/renewals/start", null), HttpStatusCode.Conflict, "service-without-voice");
        Assert.False((await Json(await admin.GetAsync("/api/v1/campaigns/renewals"))).GetProperty("running").GetBoolean());
        Assert.Empty(twilio.Participants);
    }

    /// <summary>Waits until the stand-in has been asked for <paramref name="count"/> legs in all, and gives the last.</summary>
    private async Task<FakeTwilioParticipant> NextDialAsync(int count) =>
        (await Eventually.Until(() => Task.FromResult(twilio.Participants), legs => legs.Count >= count))[count - 1];
}

public sealed class SqliteDialerHttpTests() : DialerHttpSuite(DatabaseKind.Sqlite);

public sealed class PostgresDialerHttpTests() : DialerHttpSuite(DatabaseKind.Postgres);
