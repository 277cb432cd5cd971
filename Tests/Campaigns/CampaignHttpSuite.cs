using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Contact.Grains.Campaigns;
using Contact.Storage.Campaigns;
using Contact.Storage;
using Contact.Tests.Support;
using static Contact.Tests.Support.Http;

namespace Contact.Tests.Campaigns;

/// <summary>The seed's outbound chapters over HTTP on each database: preview, accept, review, complete, skip, reject, reschedule.</summary>
public abstract class CampaignHttpSuite(DatabaseKind kind) : CampaignHttpTestBase(kind)
{
    [Fact]
    public async Task A_records_call_goes_through_Twilio_with_machine_detection_and_the_calls_disposition_completes_it()
    {
        await PutCampaign("renewals", previewSeconds: 30);
        await Import("renewals", "name,phone1\nCarol Diaz,+12125550101\nDan Evans,+12125550103\n");
        using var ann = await Join("renewals", "ann");
        using var events = await SseReader.OpenAsync(ann, "/api/v1/agents/ann/events");
        await Start("renewals");
        var carol = (await OfferedAsync(events)).GetProperty("recordId").GetString()!;
        await ann.PostAsync($"/api/v1/records/{carol}/accept", null);

        var dialed = Assert.Single((await Json(await ann.PostAsJsonAsync($"/api/v1/records/{carol}/call", new { number = "+12125550101" })))
            .GetProperty("history").EnumerateArray());
        var callId = dialed.GetProperty("callId").GetString()!;
        Assert.Equal("Dialed", dialed.GetProperty("notes").GetString());
        var (agentLeg, customer) = (twilio.Participants[0], twilio.Participants[1]);
        Assert.Equal(("client:ann", "+12125550101", SalesNumber, true), (agentLeg.To, customer.To, customer.From, customer.EndConferenceOnExit));
        Assert.Equal(("Enable", (string?)null), (customer.MachineDetection, agentLeg.MachineDetection));
        Assert.Equal("Busy", await AgentStateAsync(ann, "ann"));

        Assert.Equal(HttpStatusCode.NoContent, (await twilio.AnsweredByAsync(customer, "machine_start")).StatusCode);
        Assert.Equal("machine_start", Data(await events.Until("call.answered-by", patience)).GetProperty("detail").GetString());
        await Eventually.Until(async () => Assert.Single((await Json(await ann.GetAsync($"/api/v1/records/{carol}"))).GetProperty("history").EnumerateArray())
            .GetProperty("answeredBy").GetString(), answeredBy => answeredBy == "machine_start");
        Assert.Equal(HttpStatusCode.NoContent, (await twilio.ReportLegAsync(customer, "in-progress")).StatusCode);
        Assert.Equal("Connected", (await Json(await ann.GetAsync($"/api/v1/calls/{callId}"))).GetProperty("state").GetString());

        await AssertProblem(await ann.PutAsJsonAsync($"/api/v1/calls/{callId}/disposition", new { disposition = "Maybe" }), HttpStatusCode.BadRequest, "unknown-disposition");
        Assert.Equal("Connected", (await Json(await ann.GetAsync($"/api/v1/calls/{callId}"))).GetProperty("state").GetString());
        var call = await Json(await ann.PutAsJsonAsync($"/api/v1/calls/{callId}/disposition", new { disposition = "Sale", notes = "renewed" }));
        Assert.Equal(("Ended", "Sale", "machine_start"), (call.GetProperty("state").GetString(), call.GetProperty("disposition").GetString(), call.GetProperty("answeredBy").GetString()));
        Assert.Equal(new[] { agentLeg.CallSid, customer.CallSid }.Order(), twilio.HungUp.Order());
        using var admin = await api.AdminAsync();
        var record = await Json(await admin.GetAsync($"/api/v1/records/{carol}"));
        var attempt = Assert.Single(record.GetProperty("history").EnumerateArray());
        Assert.Equal(("Completed", "Sale", callId, "machine_start"), (record.GetProperty("state").GetString(), attempt.GetProperty("disposition").GetString(),
            attempt.GetProperty("callId").GetString(), attempt.GetProperty("answeredBy").GetString()));

        // The next record: nobody clicks Call, and the review time runs out.
        var dan = (await OfferedAsync(events)).GetProperty("recordId").GetString()!;
        await ann.PostAsync($"/api/v1/records/{dan}/accept", null);
        time.Advance(TimeSpan.FromSeconds(31));
        await Eventually.Until(() => Task.FromResult(twilio.Participants.Count), count => count == 4);
        Assert.Equal("+12125550103", twilio.Participants[3].To);
        // Completing the record itself ends its call too.
        (await ann.PostAsJsonAsync($"/api/v1/records/{dan}/complete", new { disposition = "No Answer" })).EnsureSuccessStatusCode();
        Assert.Contains(twilio.Participants[3].CallSid, twilio.HungUp);
        Assert.Equal("Ready", await AgentStateAsync(ann, "ann"));
    }

    [Fact]
    public async Task Preview_accept_review_complete_then_skip_and_reject_as_the_seed_describes()
    {
        await PutCampaign("renewals");
        var report = await Import("renewals", """
            name,phone1,phone2,timezone,account
            Carol Diaz,+1 212 555 0101,(212) 555-0102,,A-1
            Dan Evans,212-555-0103,,,A-2
            Erin Ford,212 555 0104,,,A-3
            """);
        Assert.Equal(3, report.GetProperty("accepted").GetInt32());
        using var ann = await Join("renewals", "ann");
        using var events = await SseReader.OpenAsync(ann, "/api/v1/agents/ann/events");
        await Start("renewals");

        var first = await OfferedAsync(events);
        Assert.Equal(("Carol Diaz", "renewals", "Renewals"), (first.GetProperty("customerName").GetString(),
            first.GetProperty("campaignId").GetString(), first.GetProperty("campaignName").GetString()));
        var carol = first.GetProperty("recordId").GetString()!;
        Assert.Equal("Busy", await AgentStateAsync(ann, "ann"));

        var accepted = await Json(await ann.PostAsync($"/api/v1/records/{carol}/accept", null));
        Assert.Equal("InProgress", accepted.GetProperty("state").GetString());
        var record = await Json(await ann.GetAsync($"/api/v1/records/{carol}"));
        Assert.Equal("A-1", record.GetProperty("fields").GetProperty("account").GetString());
        Assert.Empty(record.GetProperty("history").EnumerateArray());
        var phones = record.GetProperty("phones").EnumerateArray().ToList();
        Assert.Equal(["+12125550101", "+12125550102"], phones.Select(p => p.GetProperty("number").GetString()));
        Assert.True(phones[0].GetProperty("recommended").GetBoolean());
        Assert.False(phones[1].GetProperty("recommended").GetBoolean());

        var completed = await Json(await ann.PostAsJsonAsync($"/api/v1/records/{carol}/complete", new { notes = "wrong person" }));
        Assert.Equal(("Completed", "Bad Record"), (completed.GetProperty("state").GetString(), completed.GetProperty("disposition").GetString()));
        var entry = Assert.Single(completed.GetProperty("history").EnumerateArray());
        Assert.Equal(("ann", "Bad Record", "wrong person"), (entry.GetProperty("agentId").GetString(),
            entry.GetProperty("disposition").GetString(), entry.GetProperty("notes").GetString()));
        // A desktop that did not hear the answer sends the completion again: the same answer, nothing counted twice.
        var resent = await Json(await ann.PostAsJsonAsync($"/api/v1/records/{carol}/complete", new { disposition = "bad record", notes = "wrong person" }));
        Assert.Equal(("Completed", 1), (resent.GetProperty("state").GetString(), resent.GetProperty("history").GetArrayLength()));
        await AssertProblem(await ann.PostAsJsonAsync($"/api/v1/records/{carol}/complete", new { disposition = "Sale" }), HttpStatusCode.Forbidden, "record-not-yours");

        var dan = (await OfferedAsync(events)).GetProperty("recordId").GetString()!;
        Assert.Equal("Busy", await AgentStateAsync(ann, "ann"));
        await ann.PostAsync($"/api/v1/records/{dan}/accept", null);
        var skipped = await Json(await ann.PostAsync($"/api/v1/records/{dan}/skip", null));
        Assert.Equal("Scheduled", skipped.GetProperty("state").GetString());

        var erin = (await OfferedAsync(events)).GetProperty("recordId").GetString()!;
        Assert.NotEqual(dan, erin);
        await ann.PostAsync($"/api/v1/records/{erin}/reject", null);
        var agent = await Json(await ann.GetAsync("/api/v1/agents/ann"));
        Assert.Equal(("NotReady", "Rejected"), (agent.GetProperty("state").GetString(), agent.GetProperty("reason").GetString()));

        using var admin = await api.AdminAsync();
        var stats = await Json(await admin.GetAsync("/api/v1/campaigns/renewals/stats"));
        Assert.Equal(1, stats.GetProperty("states").GetProperty("Completed").GetInt32());
        Assert.Equal(2, stats.GetProperty("states").GetProperty("Scheduled").GetInt32());
        Assert.Equal(1, stats.GetProperty("dispositions").GetProperty("Bad Record").GetInt32());
        var counts = Assert.Single(stats.GetProperty("agents").EnumerateArray());
        Assert.Equal((1, 1, 1), (counts.GetProperty("completed").GetInt32(), counts.GetProperty("skips").GetInt32(), counts.GetProperty("rejects").GetInt32()));

        // Skipped and rejected records are offered again later, in list order.
        await ann.PutAsJsonAsync("/api/v1/agents/ann/state", new { state = "Ready" });
        time.Advance(TimeSpan.FromMinutes(1));
        await NudgeUntilBusyAsync(ann, "ann");
        Assert.Equal(dan, (await OfferedAsync(events)).GetProperty("recordId").GetString());
    }

    [Fact]
    public async Task A_rescheduled_record_comes_back_at_its_time_after_a_restart_too()
    {
        var (ann, events, carol) = await OfferCarolToAnnAsync();
        using var _ = ann;
        await ann.PostAsync($"/api/v1/records/{carol}/accept", null);
        var at = time.GetUtcNow().AddHours(2);
        var rescheduled = await Json(await ann.PostAsJsonAsync($"/api/v1/records/{carol}/reschedule", new { at, number = "+12125550101", personal = true }));
        Assert.Equal(("Scheduled", "ann"), (rescheduled.GetProperty("state").GetString(), rescheduled.GetProperty("agentId").GetString()));
        Assert.Equal("Ready", await AgentStateAsync(ann, "ann"));
        events.Dispose();

        await api.DisposeAsync();
        api = new ApiFactory(database, time, settings);
        using var again = await api.LoginAsync("ann", "password-ann");
        using var after = await SseReader.OpenAsync(again, "/api/v1/agents/ann/events");
        time.Advance(TimeSpan.FromHours(1));
        Assert.Equal("Ready", await AgentStateAsync(again, "ann"));
        time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(carol, (await OfferedAsync(after)).GetProperty("recordId").GetString());
        Assert.Equal("Busy", await AgentStateAsync(again, "ann"));
    }

    [Fact]
    public async Task A_write_that_lost_to_another_writer_leaves_the_record_with_its_agent()
    {
        var (ann, events, carol) = await OfferCarolToAnnAsync();
        using var _ = ann;
        using var __ = events;
        await ann.PostAsync($"/api/v1/records/{carol}/accept", null);

        // Someone else (another silo, an operator) writes the row: this activation's copy is stale.
        await BumpVersionAsync("Carol Diaz");
        await AssertProblem(await ann.PostAsync($"/api/v1/records/{carol}/skip", null), HttpStatusCode.Conflict, "concurrent-update");

        // The record is still the agent's, and the agent can finish with it.
        Assert.Equal("InProgress", (await Json(await ann.GetAsync($"/api/v1/records/{carol}"))).GetProperty("state").GetString());
        Assert.Equal("Scheduled", (await Json(await ann.PostAsync($"/api/v1/records/{carol}/skip", null))).GetProperty("state").GetString());
        Assert.Equal("Ready", await AgentStateAsync(ann, "ann"));
    }

    [Fact]
    public async Task A_record_whose_copy_is_older_than_its_row_answers_on_the_row()
    {
        var (ann, events, carol) = await OfferCarolToAnnAsync();
        using var _ = ann;
        using var __ = events;

        // A second activation (for a moment after a silo's death) accepted it: this one's copy still says offered.
        await SetStatusAsync("Carol Diaz", RecordStatus.InProgress);
        var completed = await ann.PostAsJsonAsync($"/api/v1/records/{carol}/complete", new { disposition = "Sale" });

        Assert.True(completed.IsSuccessStatusCode, await completed.Content.ReadAsStringAsync());
        Assert.Equal("Completed", (await Json(completed)).GetProperty("state").GetString());
        Assert.NotEqual("Busy", await AgentStateAsync(ann, "ann"));
    }

    [Fact]
    public async Task An_agent_whose_offer_found_the_record_gone_gets_the_next_one()
    {
        await PutCampaign("renewals");
        await Import("renewals", "name,phone1\nCarol Diaz,+12125550101\nDan Evans,+12125550103\nErin Ford,+12125550104\n");
        using var ann = await Join("renewals", "ann");
        using var events = await SseReader.OpenAsync(ann, "/api/v1/agents/ann/events");
        await Start("renewals");
        var carol = (await OfferedAsync(events)).GetProperty("recordId").GetString()!;
        // Dan, next in the campaign's buffer, is completed elsewhere (as by another silo) meanwhile.
        await SetStatusAsync("Dan Evans", RecordStatus.Completed);
        await ann.PostAsync($"/api/v1/records/{carol}/accept", null);
        (await ann.PostAsJsonAsync($"/api/v1/records/{carol}/complete", new { disposition = "Bad Record" })).EnsureSuccessStatusCode();

        Assert.Equal("Erin Ford", (await OfferedAsync(events)).GetProperty("customerName").GetString());
    }

    [Fact]
    public async Task A_record_outside_calling_hours_in_its_own_time_zone_waits_until_they_open()
    {
        // Open from an hour ago to an hour ahead, in each customer's own time: now in UTC, not in Tokyo (UTC+9).
        await PutCampaign("renewals", hours: (time.GetUtcNow().AddHours(-1), time.GetUtcNow().AddHours(1)));
        await Import("renewals", "name,phone1,timezone\nKenji Sato,+81 3 1234 5678,Asia/Tokyo\nCarol Diaz,+12125550101,UTC\n");
        using var ann = await Join("renewals", "ann");
        using var events = await SseReader.OpenAsync(ann, "/api/v1/agents/ann/events");
        await Start("renewals");

        var carol = await OfferedAsync(events);
        Assert.Equal("Carol Diaz", carol.GetProperty("customerName").GetString());
        var id = carol.GetProperty("recordId").GetString()!;
        await ann.PostAsync($"/api/v1/records/{id}/accept", null);
        await ann.PostAsJsonAsync($"/api/v1/records/{id}/complete", new { disposition = "Sale" });

        time.Advance(TimeSpan.FromHours(13));
        Assert.Equal("Ready", await AgentStateAsync(ann, "ann"));
        time.Advance(TimeSpan.FromHours(1));
        await NudgeUntilBusyAsync(ann, "ann");
        Assert.Equal("Kenji Sato", (await OfferedAsync(events)).GetProperty("customerName").GetString());
    }

    [Fact]
    public async Task An_import_reports_bad_rows_duplicates_dnc_numbers_and_bad_time_zones_exactly()
    {
        await PutCampaign("renewals");
        using var admin = await api.AdminAsync();
        (await admin.PutAsync("/api/v1/dnc/+12125550777", null)).EnsureSuccessStatusCode();
        await Import("renewals", "name,phone1\nFirst,+12125550100\n");

        var report = await Import("renewals", """
            name,phone1,phone2,timezone,notes
            Good One,+12125550101,,America/New_York,
            Bad Phone,12,,,
            Again,2125550100,,,
            Barred,+12125550105,212-555-0777,,
            Martian,+12125550106,,Mars/Olympus,
            ,,,,nothing
            Short,+12125550107
            Twice,(212) 555-0101,,,
            "Diaz, Carol",+12125550108,,Europe/Paris,"line one
            line two"
            """);
        Assert.Equal((9, 2, 5, 2), (report.GetProperty("rows").GetInt32(), report.GetProperty("accepted").GetInt32(),
            report.GetProperty("rejected").GetInt32(), report.GetProperty("duplicates").GetInt32()));
        var errors = report.GetProperty("errors").EnumerateArray()
            .Select(e => (e.GetProperty("row").GetInt32(), e.GetProperty("field").GetString())).ToList();
        Assert.Equal([(3, "phone1"), (4, "phone1"), (5, "phone2"), (6, "timezone"), (7, "name"), (8, ""), (9, "phone1")], errors);
        var importId = report.GetProperty("importId").GetString()!;
        var stored = await Json(await admin.GetAsync($"/api/v1/campaigns/renewals/imports/{importId}"));
        Assert.Equal("Completed", stored.GetProperty("status").GetString());
        Assert.Equal(7, stored.GetProperty("errors").GetArrayLength());

        var stats = await Json(await admin.GetAsync("/api/v1/campaigns/renewals/stats"));
        Assert.Equal(3, stats.GetProperty("records").GetInt32());
        var paris = await Json(await admin.GetAsync($"/api/v1/records/{importId}-10"));
        Assert.Equal(("Diaz, Carol", "Europe/Paris", "line one\nline two"), (paris.GetProperty("customerName").GetString(),
            paris.GetProperty("timeZone").GetString(), paris.GetProperty("fields").GetProperty("notes").GetString()));
    }

    [Fact]
    public async Task A_record_without_a_zone_takes_its_numbers_when_there_is_exactly_one_else_the_campaigns()
    {
        await PutCampaign("renewals");
        var report = await Import("renewals", """
            name,phone1,phone2,timezone
            London,+44 20 7946 0018,,
            Los Angeles,(310) 555-0101,+442079460019,
            Toll free,1-800-555-0199,,
            Berlin given,+49 30 1234567,,Asia/Tokyo
            Mumbai,+91 98765 43210,,
            """);
        Assert.Equal((5, 5, 3), (report.GetProperty("rows").GetInt32(), report.GetProperty("accepted").GetInt32(), report.GetProperty("zonesInferred").GetInt32()));
        using var admin = await api.AdminAsync();
        var importId = report.GetProperty("importId").GetString()!;
        async Task<string> ZoneOf(int row) => (await Json(await admin.GetAsync($"/api/v1/records/{importId}-{row}"))).GetProperty("timeZone").GetString()!;
        Assert.Equal(["Europe/London", "America/Los_Angeles", NewYork, "Asia/Tokyo", "Asia/Calcutta"],
            [await ZoneOf(2), await ZoneOf(3), await ZoneOf(4), await ZoneOf(5), await ZoneOf(6)]);
    }

    [Theory]
    [InlineData("name,phone1\nAnn,+12125550101\nB\"ob,+12125550102\n")]
    [InlineData("name,phone1\nAnn,+12125550101\nBob,\"+1212555\"0102\n")]
    [InlineData("name,phone1\nAnn,+12125550101\n\"Bob\"x,+12125550102\n")]
    [InlineData("name,phone1\nAnn,+12125550101\n\"Bob,+12125550102\n")]
    [InlineData("Ann,+12125550101\nBob,+12125550102\n")]
    [InlineData("")]
    public async Task A_malformed_file_fails_as_a_whole_and_loads_nothing(string csv)
    {
        await PutCampaign("renewals");
        using var admin = await api.AdminAsync();
        await AssertProblem(await admin.PostAsync("/api/v1/campaigns/renewals/lists", Csv(csv)), HttpStatusCode.BadRequest, "csv-malformed");
        var stats = await Json(await admin.GetAsync("/api/v1/campaigns/renewals/stats"));
        Assert.Equal(0, stats.GetProperty("records").GetInt32());
    }

    [Fact]
    public async Task A_file_that_is_not_utf8_or_not_csv_is_refused_and_loads_nothing()
    {
        await PutCampaign("renewals");
        using var admin = await api.AdminAsync();
        // "José" written in Latin-1: the é is the single byte 0xE9, which is not UTF-8.
        var latin1 = new ByteArrayContent([.. "name,phone1\nAnn,+12125550101\nJos"u8, 0xE9, .. ",+12125550102\n"u8]);
        latin1.Headers.ContentType = new("text/csv");
        var notUtf8 = await admin.PostAsync("/api/v1/campaigns/renewals/lists", latin1);
        await AssertProblem(notUtf8, HttpStatusCode.BadRequest, "csv-malformed");
        Assert.Equal(3, (await Json(notUtf8)).GetProperty("row").GetInt32());
        await AssertProblem(await admin.PostAsJsonAsync("/api/v1/campaigns/renewals/lists", new { name = "Ann" }), HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
        await AssertProblem(await admin.PostAsync("/api/v1/campaigns/nosuch/lists", Csv("name\nAnn\n")), HttpStatusCode.NotFound, "campaign-not-found");
        await AssertProblem(await admin.GetAsync("/api/v1/campaigns/nosuch/imports"), HttpStatusCode.NotFound, "campaign-not-found");
        await AssertProblem(await admin.GetAsync("/api/v1/campaigns/nosuch/imports/some-import"), HttpStatusCode.NotFound, "campaign-not-found");
        var stats = await Json(await admin.GetAsync("/api/v1/campaigns/renewals/stats"));
        Assert.Equal(0, stats.GetProperty("records").GetInt32());
    }

    [Fact]
    public async Task Bad_requests_get_their_codes_and_change_nothing()
    {
        using var admin = await api.AdminAsync();
        var invalid = await admin.PutAsJsonAsync("/api/v1/campaigns/renewals", new
        {
            name = "", mode = "preview", serviceId = "nosuch", maxAttempts = 0, callingHours = new { from = "9am", to = "21:00" },
            timeZone = "Mars/Olympus", defaultCountry = "XX", defaultDisposition = "Nope",
        });
        await AssertProblem(invalid, HttpStatusCode.BadRequest, "validation-failed");
        var fields = (await Json(invalid)).GetProperty("errors").EnumerateObject().Select(e => e.Name).Order().ToList();
        Assert.Equal(["callingHours", "defaultCountry", "defaultDisposition", "maxAttempts", "name", "serviceId", "timeZone"], fields);
        await AssertProblem(await admin.GetAsync("/api/v1/campaigns/renewals"), HttpStatusCode.NotFound, "campaign-not-found");

        await PutCampaign("renewals");
        await Import("renewals", "name,phone1,phone2\nCarol Diaz,+12125550101,+12125550102\n");
        using var ann = await Join("renewals", "ann");
        using var bob = await api.CreateAgentAsync("bob");
        using var events = await SseReader.OpenAsync(ann, "/api/v1/agents/ann/events");
        await Start("renewals");
        var carol = (await OfferedAsync(events)).GetProperty("recordId").GetString()!;

        await AssertProblem(await bob.PostAsync($"/api/v1/records/{carol}/accept", null), HttpStatusCode.Forbidden, "record-not-yours");
        await AssertProblem(await bob.GetAsync($"/api/v1/records/{carol}"), HttpStatusCode.Forbidden, "forbidden");
        await AssertProblem(await ann.PostAsJsonAsync($"/api/v1/records/{carol}/complete", new { disposition = "Sale" }), HttpStatusCode.Conflict, "record-not-accepted");
        await ann.PostAsync($"/api/v1/records/{carol}/accept", null);
        await AssertProblem(await ann.PostAsync($"/api/v1/records/{carol}/reject", null), HttpStatusCode.Conflict, "record-already-accepted");
        await AssertProblem(await ann.PostAsJsonAsync($"/api/v1/records/{carol}/complete", new { disposition = "Maybe" }), HttpStatusCode.BadRequest, "unknown-disposition");
        await AssertProblem(await ann.PostAsJsonAsync($"/api/v1/records/{carol}/reschedule", new { at = time.GetUtcNow().AddMinutes(-5) }), HttpStatusCode.BadRequest, "reschedule-in-past");
        foreach (var at in new[] { "9999-12-31T10:00:00Z", time.GetUtcNow().AddHours(1).ToString("yyyy-MM-ddTHH:mm:ss"), "tomorrow", "" })
        {
            await AssertProblem(await ann.PostAsJsonAsync($"/api/v1/records/{carol}/reschedule", new { at }), HttpStatusCode.BadRequest, "validation-failed");
        }
        await AssertProblem(await ann.PostAsJsonAsync($"/api/v1/records/{carol}/reschedule", new { at = time.GetUtcNow().AddHours(6) }), HttpStatusCode.Conflict, "outside-calling-hours");
        await AssertProblem(await ann.PostAsJsonAsync($"/api/v1/records/{carol}/reschedule", new { at = time.GetUtcNow().AddHours(1), number = "+19995550000" }), HttpStatusCode.BadRequest, "number-not-on-record");
        await AssertProblem(await ann.PostAsJsonAsync($"/api/v1/records/{carol}/call", new { number = "+19995550000" }), HttpStatusCode.BadRequest, "number-not-on-record");
        await AssertProblem(await ann.PostAsync("/api/v1/records/nosuch/accept", null), HttpStatusCode.NotFound, "record-not-found");

        var unchanged = await Json(await ann.GetAsync($"/api/v1/records/{carol}"));
        Assert.Equal(("InProgress", 0), (unchanged.GetProperty("state").GetString(), unchanged.GetProperty("history").GetArrayLength()));
        Assert.Equal("Busy", await AgentStateAsync(ann, "ann"));

        // A call placed for the record is completed by the disposition; dnc bars the number called.
        var called = await Json(await ann.PostAsJsonAsync($"/api/v1/records/{carol}/call", new { number = "+12125550102" }));
        Assert.Equal("Dialed", Assert.Single(called.GetProperty("history").EnumerateArray()).GetProperty("notes").GetString());
        Assert.Equal("+12125550102", twilio.Participants[^1].To);
        var done = await Json(await ann.PostAsJsonAsync($"/api/v1/records/{carol}/complete", new { disposition = "Do Not Call" }));
        var attempt = Assert.Single(done.GetProperty("history").EnumerateArray());
        Assert.Equal(("+12125550102", "Do Not Call"), (attempt.GetProperty("number").GetString(), attempt.GetProperty("disposition").GetString()));
        Assert.True((await Json(await admin.GetAsync("/api/v1/dnc/+12125550102"))).GetProperty("listed").GetBoolean());
        Assert.False((await Json(await admin.GetAsync("/api/v1/dnc/+12125550101"))).GetProperty("listed").GetBoolean());
    }

    /// <summary>
    /// The campaign may arm its next wake-up while the test moves the clock, and a manual clock
    /// fires a timer only at its next move: nudge it until the agent has its offer.
    /// </summary>
    private async Task NudgeUntilBusyAsync(HttpClient agent, string agentId) =>
        await Eventually.Until(async () =>
        {
            time.Advance(TimeSpan.FromMilliseconds(1));
            return await AgentStateAsync(agent, agentId);
        }, state => state == "Busy");

    /// <summary>Writes a record's state behind the grains' back.</summary>
    /// <summary>The campaign "renewals" with Carol alone on its list, started and offering her to Ann: Ann's client, her stream, Carol's record.</summary>
    private async Task<(HttpClient Ann, SseReader Events, string Carol)> OfferCarolToAnnAsync()
    {
        await PutCampaign("renewals");
        await Import("renewals", "name,phone1\nCarol Diaz,+12125550101\n");
        var ann = await Join("renewals", "ann");
        var events = await SseReader.OpenAsync(ann, "/api/v1/agents/ann/events");
        await Start("renewals");
        return (ann, events, (await OfferedAsync(events)).GetProperty("recordId").GetString()!);
    }

    private async Task SetStatusAsync(string name, RecordStatus status)
    {
        await using var connection = await database.CreateDialect().OpenAsync();
        await using var command = connection.Query("UPDATE calling_records SET status = @status, version = version + 1 WHERE name = @name",
            ("@status", (long)status), ("@name", name));
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }

    private async Task BumpVersionAsync(string name)
    {
        await using var connection = await database.CreateDialect().OpenAsync();
        await using var command = connection.Query("UPDATE calling_records SET version = version + 1 WHERE name = @name", ("@name", name));
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }
}

public sealed class SqliteCampaignHttpTests() : CampaignHttpSuite(DatabaseKind.Sqlite);

public sealed class PostgresCampaignHttpTests() : CampaignHttpSuite(DatabaseKind.Postgres);
