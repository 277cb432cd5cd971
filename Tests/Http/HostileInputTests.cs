using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Contact.Grains.Interfaces;
using Contact.Storage;
using Contact.Storage.Campaigns;
using Contact.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using static Contact.Tests.Support.Http;

namespace Contact.Tests.Http;

/// <summary>
/// What a careless or hostile client tried against a running server (issue "Hostile and careless
/// input"), each class of it on a real socket: the answer is a 4xx with its code, and nothing changes.
/// </summary>
public sealed class HostileInputTests : IAsyncLifetime
{
    private readonly Database database = new(DatabaseKind.Sqlite);
    private FakeTwilio twilio = null!;
    private ApiFactory api = null!;
    private string baseUrl = "";

    public async Task InitializeAsync()
    {
        twilio = await FakeTwilio.StartAsync();
        (api, baseUrl) = ApiFactory.StartOnLoopback(database, twilio.SettingsFor);
    }

    public async Task DisposeAsync()
    {
        await api.DisposeAsync();
        await twilio.DisposeAsync();
        database.Dispose();
    }

    [Fact]
    public async Task A_webhook_checks_its_signature_and_size_before_reading_the_form()
    {
        using var http = new HttpClient { BaseAddress = new Uri(baseUrl) };
        var large = "Body=" + new string('x', 900 * 1024);

        await AssertProblem(await http.PostAsync("/api/v1/twilio/sms", Form(large)), HttpStatusCode.Forbidden, "invalid-signature");
        await AssertProblem(await http.PostAsync("/api/v1/twilio/sms", WithSignature(Form(large))), HttpStatusCode.RequestEntityTooLarge, "body-too-large");
        // Sent in chunks, with no length said ahead: the limit stops the reading.
        var chunked = new StreamContent(new MemoryStream(Encoding.ASCII.GetBytes(large)));
        chunked.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");
        await AssertProblem(await http.PostAsync("/api/v1/twilio/status?chatId=c&seq=1", WithSignature(chunked)),
            HttpStatusCode.RequestEntityTooLarge, "body-too-large");
        // Past the server's limit for any body (1 MB) the answer may come before the client has sent
        // it all, and the server then closes the connection: never a 5xx either way.
        try
        {
            var huge = await http.PostAsync("/api/v1/twilio/sms", Form("Body=" + new string('x', 4 * 1024 * 1024)));
            Assert.Equal(HttpStatusCode.Forbidden, huge.StatusCode);
        }
        catch (HttpRequestException closed) when (closed.InnerException is IOException)
        {
        }

        static HttpContent WithSignature(HttpContent content)
        {
            content.Headers.Add("X-Twilio-Signature", "bm90IGEgc2lnbmF0dXJl");
            return content;
        }
    }

    [Fact]
    public async Task A_refused_agent_for_an_existing_login_writes_nothing_to_the_login()
    {
        using var admin = await api.AdminAsync();
        await AssertProblem(await admin.PutAsJsonAsync("/api/v1/agents/admin", new { }), HttpStatusCode.BadRequest, "validation-failed");
        // The admin's login names no agent still: its tokens do not act as an agent that does not exist.
        using var again = await api.AdminAsync();
        await AssertProblem(await again.PostAsync("/api/v1/chats/some-chat/accept", null), HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task An_update_keeps_what_it_leaves_out_and_the_last_admin_keeps_the_role()
    {
        using var admin = await api.AdminAsync();
        Assert.True((await admin.PutAsJsonAsync("/api/v1/agents/admin", new { name = "The Administrator" })).IsSuccessStatusCode);
        using (var again = await api.AdminAsync()) Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/api/v1/dnc/+12125550101")).StatusCode);

        using var ann = await api.CreateAgentAsync("ann", "agent", "supervisor");
        var renamed = await Json(await admin.PutAsJsonAsync("/api/v1/agents/ann", new { name = "Ann Baker" }));
        Assert.Equal(("Ann Baker", "sales", 2), (renamed.GetProperty("name").GetString(),
            renamed.GetProperty("services").EnumerateArray().Single().GetString(), renamed.GetProperty("maxChats").GetInt32()));
        using (var annAgain = await api.LoginAsync("ann", "password-ann")) Assert.Equal(HttpStatusCode.OK, (await annAgain.GetAsync("/api/v1/agents")).StatusCode);

        await AssertProblem(await admin.PutAsJsonAsync("/api/v1/agents/admin", new { roles = new[] { "agent" } }), HttpStatusCode.Conflict, "last-admin");
        using (var still = await api.AdminAsync()) Assert.Equal(HttpStatusCode.OK, (await still.GetAsync("/api/v1/dnc/+12125550101")).StatusCode);

        (await admin.PutAsJsonAsync("/api/v1/agents/bob", new { name = "Bob", password = "password-bob", roles = new[] { "admin" } })).EnsureSuccessStatusCode();
        (await admin.PutAsJsonAsync("/api/v1/agents/admin", new { roles = new[] { "supervisor" } })).EnsureSuccessStatusCode();
        using var bob = await api.LoginAsync("bob", "password-bob");
        await AssertProblem(await bob.PutAsJsonAsync("/api/v1/agents/bob", new { roles = new[] { "agent" } }), HttpStatusCode.Conflict, "last-admin");
        Assert.Equal(HttpStatusCode.OK, (await bob.GetAsync("/api/v1/dnc/+12125550101")).StatusCode);
    }

    [Fact]
    public async Task Tokens_in_the_query_string_count_only_on_event_streams()
    {
        using var admin = await api.AdminAsync();
        var token = admin.DefaultRequestHeaders.Authorization!.Parameter;
        using var anonymous = api.CreateClient();

        await AssertProblem(await anonymous.PutAsJsonAsync($"/api/v1/agents/events?access_token={token}", new { name = "Events", password = "password-events" }),
            HttpStatusCode.Unauthorized, "unauthorized");
        await AssertProblem(await anonymous.GetAsync($"/api/v1/agents/admin?access_token={token}"), HttpStatusCode.Unauthorized, "unauthorized");
        await AssertProblem(await admin.GetAsync("/api/v1/agents/events"), HttpStatusCode.NotFound, "agent-not-found");

        using var ann = await api.ReadyAgentAsync("ann");
        var annToken = ann.DefaultRequestHeaders.Authorization!.Parameter;
        using (var stream = await anonymous.GetAsync($"/api/v1/agents/ann/events?access_token={annToken}", HttpCompletionOption.ResponseHeadersRead))
        {
            Assert.Equal("text/event-stream", stream.Content.Headers.ContentType?.MediaType);
        }

        var chat = await Json(await anonymous.PostAsJsonAsync("/api/v1/public/chats", new { serviceId = "sales", customer = new { name = "Cy" } }));
        var (chatId, customerToken) = (chat.GetProperty("chatId").GetString(), chat.GetProperty("customerToken").GetString());
        await AssertProblem(await anonymous.GetAsync($"/api/v1/public/chats/{chatId}/messages?customerToken={customerToken}"),
            HttpStatusCode.Unauthorized, "customer-token-required");
        await AssertProblem(await anonymous.PostAsync($"/api/v1/public/chats/{chatId}/end?customerToken={customerToken}", null),
            HttpStatusCode.Unauthorized, "customer-token-required");
        using var withHeader = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/public/chats/{chatId}/messages");
        withHeader.Headers.Add("X-Customer-Token", customerToken);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.SendAsync(withHeader)).StatusCode);
    }

    [Theory]
    [InlineData("123")]
    [InlineData("\"1\"")]
    [InlineData("\"Preview, Progressive\"")]
    [InlineData("\"Preview,Predictive\"")]
    [InlineData("\"\"")]
    public async Task An_enum_is_one_of_its_names_and_nothing_else(string mode)
    {
        await api.PutServiceAsync("sales", new { name = "Sales", channels = new[] { "chat" } });
        using var admin = await api.AdminAsync();
        var body = new StringContent($$"""{"name":"Renewals","mode":{{mode}},"serviceId":"sales"}""", Encoding.UTF8, "application/json");
        var response = await admin.PutAsync("/api/v1/campaigns/renewals", body);
        await AssertProblem(response, HttpStatusCode.BadRequest, "malformed-json");
        Assert.Contains("Expected one of Preview", (await Json(response)).GetProperty("detail").GetString());
        await AssertProblem(await admin.GetAsync("/api/v1/campaigns/renewals"), HttpStatusCode.NotFound, "campaign-not-found");

        using var ann = await api.ReadyAgentAsync("ann");
        foreach (var state in new[] { "NotReady, Ready", "Ready,Busy", "2", "-1" })
        {
            await AssertProblem(await ann.PutAsJsonAsync("/api/v1/agents/ann/state", new { state }), HttpStatusCode.BadRequest, "invalid-state");
        }
        Assert.Equal("Ready", await AgentStateAsync(ann, "ann"));
    }

    [Fact]
    public async Task Small_ones_an_empty_search_parameter_and_a_service_that_does_not_exist()
    {
        using var admin = await api.AdminAsync();
        using var anonymous = api.CreateClient();
        await api.PutServiceAsync("sales", new { name = "Sales", channels = new[] { "chat" } });
        (await anonymous.PostAsJsonAsync("/api/v1/public/chats", new { serviceId = "sales", customer = new { email = "cy@example.com" } })).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/v1/customers?phone=&email=cy@example.com")).StatusCode);

        var refused = await admin.PutAsJsonAsync("/api/v1/agents/zed", new { name = "Zed", password = "password-zed", services = new[] { "sales", "nosuch" } });
        await AssertProblem(refused, HttpStatusCode.BadRequest, "validation-failed");
        Assert.Contains("nosuch", (await Json(refused)).GetProperty("errors").GetProperty("services")[0].GetString());
        await AssertProblem(await admin.GetAsync("/api/v1/agents/zed"), HttpStatusCode.NotFound, "agent-not-found");

        // The serializer's own words name .NET types; the answer names the field instead.
        var wrongType = await admin.PutAsJsonAsync("/api/v1/agents/zed", new { name = "Zed", password = "password-zed", services = "sales" });
        await AssertProblem(wrongType, HttpStatusCode.BadRequest, "malformed-json");
        var detail = (await Json(wrongType)).GetProperty("detail").GetString()!;
        Assert.Contains("$.services", detail);
        Assert.DoesNotContain("System.", detail);
    }

    [Fact]
    public async Task A_json_route_given_another_kind_of_body_answers_415_with_the_code_the_document_lists()
    {
        using var admin = await api.AdminAsync();
        var xml = await admin.PutAsync("/api/v1/services/sales", new StringContent("<service name='Sales'/>", System.Text.Encoding.UTF8, "application/xml"));
        await AssertProblem(xml, HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
        await AssertProblem(await admin.GetAsync("/api/v1/services/sales"), HttpStatusCode.NotFound, "service-not-found");
    }

    [Fact]
    public async Task Wrong_passwords_in_a_row_make_the_next_attempts_wait_even_with_the_right_one()
    {
        using var anonymous = api.CreateClient();
        using (await api.CreateAgentAsync("ann")) { }
        for (var i = 0; i < 6; i++)
        {
            await AssertProblem(await anonymous.PostAsJsonAsync("/api/v1/auth/token", new { username = "ann", password = "guess-" + i }),
                HttpStatusCode.Unauthorized, "invalid-credentials");
        }
        var waiting = await anonymous.PostAsJsonAsync("/api/v1/auth/token", new { username = "ann", password = "password-ann" });
        await AssertProblem(waiting, HttpStatusCode.TooManyRequests, "too-many-attempts");
        Assert.NotNull(waiting.Headers.RetryAfter);
        // Another user is not held up by ann's guesser.
        Assert.Equal(HttpStatusCode.OK, (await anonymous.PostAsJsonAsync("/api/v1/auth/token", new { username = "admin", password = ApiFactory.AdminPassword })).StatusCode);
        await Task.Delay(TimeSpan.FromSeconds(1.1));
        Assert.Equal(HttpStatusCode.OK, (await anonymous.PostAsJsonAsync("/api/v1/auth/token", new { username = "ann", password = "password-ann" })).StatusCode);
    }

    [Fact]
    public async Task An_import_whose_client_hangs_up_or_whose_server_goes_silent_ends_and_is_listed()
    {
        await api.PutServiceAsync("sales", new { name = "Sales", channels = new[] { "chat" } });
        using var admin = await api.AdminAsync();
        (await admin.PutAsJsonAsync("/api/v1/campaigns/renewals", new { name = "Renewals", mode = "Preview", serviceId = "sales" })).EnsureSuccessStatusCode();

        using (var upload = new HttpClient { BaseAddress = new Uri(baseUrl) })
        {
            upload.DefaultRequestHeaders.Authorization = admin.DefaultRequestHeaders.Authorization;
            await Assert.ThrowsAnyAsync<Exception>(() => upload.PostAsync("/api/v1/campaigns/renewals/lists", new HangingUp()));
        }
        var cancelled = await Eventually.Until(async () => (await Json(await admin.GetAsync("/api/v1/campaigns/renewals/imports"))).EnumerateArray().ToList(),
            list => list.Count == 1 && list[0].GetProperty("status").GetString() != "Running");
        Assert.Equal(("Cancelled", 0), (cancelled.Single().GetProperty("status").GetString(), cancelled.Single().GetProperty("accepted").GetInt32()));
        Assert.Equal(0, (await Json(await admin.GetAsync("/api/v1/campaigns/renewals/stats"))).GetProperty("records").GetInt32());
        Assert.Equal((0, 0), (await CountAsync("SELECT COUNT(*) FROM calling_records"), await CountAsync("SELECT COUNT(*) FROM calling_list_loads")));

        // A server killed mid-import leaves a running report that nobody keeps alive.
        var grains = api.Services.GetRequiredService<IGrainFactory>();
        var longAgo = DateTimeOffset.UtcNow.AddMinutes(-2);
        await grains.GetGrain<ICallingListImportGrain>("silent").Save(
            new ImportReport("silent", "renewals", ImportStatus.Running, 10, 10, 0, 0, 0, [], 0, null, longAgo, null, longAgo));
        await grains.GetGrain<IDirectoryGrain>("imports/renewals").Add("silent");
        var failed = await Json(await admin.GetAsync("/api/v1/campaigns/renewals/imports/silent"));
        Assert.Equal(("Failed", 0), (failed.GetProperty("status").GetString(), failed.GetProperty("accepted").GetInt32()));
        Assert.Equal(["Cancelled", "Failed"], (await Json(await admin.GetAsync("/api/v1/campaigns/renewals/imports"))).EnumerateArray()
            .Select(r => r.GetProperty("status").GetString()).Order());
    }

    [Fact]
    public async Task An_import_waiting_for_its_upload_holds_no_lock_and_shows_nothing_until_it_is_whole()
    {
        await api.PutServiceAsync("sales", new { name = "Sales", channels = new[] { "chat" } });
        using var admin = await api.AdminAsync();
        (await admin.PutAsJsonAsync("/api/v1/campaigns/renewals", new { name = "Renewals", mode = "Preview", serviceId = "sales" })).EnsureSuccessStatusCode();
        var release = new TaskCompletionSource();
        using var upload = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromMinutes(2) };
        upload.DefaultRequestHeaders.Authorization = admin.DefaultRequestHeaders.Authorization;
        var importing = upload.PostAsync("/api/v1/campaigns/renewals/lists", new PausedUpload(12_000, release.Task));

        // Rows are in the table, in chunks, while the upload waits for the rest of its body...
        Assert.True(await Eventually.Until(() => CountAsync("SELECT COUNT(*) FROM calling_records"), count => count >= 10_000) >= 10_000);
        // ...and the other writers go on (SQLite's lock held for the upload made them wait 30 s, then fail)...
        using (await api.ReadyAgentAsync("ann")) { }
        // ...but the campaign has none of them yet.
        Assert.Equal(0, (await Json(await admin.GetAsync("/api/v1/campaigns/renewals/stats"))).GetProperty("records").GetInt32());

        release.SetResult();
        var report = await importing;
        Assert.Equal(HttpStatusCode.Accepted, report.StatusCode);
        Assert.Equal(12_001, (await Json(report)).GetProperty("accepted").GetInt32());
        Assert.Equal(12_001, (await Json(await admin.GetAsync("/api/v1/campaigns/renewals/stats"))).GetProperty("records").GetInt32());
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM calling_list_loads"));
    }

    [Fact]
    public async Task Rows_that_a_killed_process_left_of_an_unfinished_import_are_never_shown_and_are_deleted()
    {
        await api.PutServiceAsync("sales", new { name = "Sales", channels = new[] { "chat" } });
        using var admin = await api.AdminAsync();
        (await admin.PutAsJsonAsync("/api/v1/campaigns/renewals", new { name = "Renewals", mode = "Preview", serviceId = "sales" })).EnsureSuccessStatusCode();
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        await ExecuteAsync($"INSERT INTO calling_list_loads (import_id, campaign_id, due_at, loader) VALUES ('0123456789ab', 'renewals', {now}, 'a process that died')");
        for (var row = 2; row <= 4; row++)
        {
            await ExecuteAsync("INSERT INTO calling_records (record_id, campaign_id, import_id, row_no, status, agent_id, tz, due_at, attempts, name, phones, fields, " +
                $"disposition, detail, version) VALUES ('{CampaignSchema.RecordId("0123456789ab", row)}', 'renewals', '0123456789ab', {row}, 0, '', " +
                $"'America/New_York', {now}, 0, 'C{row}', '+1212555010{row}', '{{}}', '', '{{}}', 1)");
        }
        Assert.Equal(0, (await Json(await admin.GetAsync("/api/v1/campaigns/renewals/stats"))).GetProperty("records").GetInt32());

        // What the silo does when it starts: another process's unfinished loads are deleted.
        var restarted = new CallingRecordStore(api.Services.GetRequiredService<GrainDatabase>());
        Assert.Equal(1, await restarted.DiscardUnfinishedLoadsAsync());
        Assert.Equal((0, 0), (await CountAsync("SELECT COUNT(*) FROM calling_records"), await CountAsync("SELECT COUNT(*) FROM calling_list_loads")));
    }

    [Fact]
    public async Task Bodies_lists_and_echoed_values_are_bounded()
    {
        using var admin = await api.AdminAsync();
        var huge = await admin.PutAsJsonAsync("/api/v1/agents/zed", new { name = "Zed", password = "password-zed", notes = new string('x', 2 * 1024 * 1024) });
        await AssertProblem(huge, HttpStatusCode.RequestEntityTooLarge, "body-too-large");
        Assert.Equal(1024 * 1024, (await Json(huge)).GetProperty("limit").GetInt32());
        var many = await admin.PutAsJsonAsync("/api/v1/agents/zed", new { name = "Zed", password = "password-zed", services = Enumerable.Range(0, 51).Select(i => $"s{i}") });
        await AssertProblem(many, HttpStatusCode.BadRequest, "validation-failed");
        await AssertProblem(await admin.GetAsync("/api/v1/agents/zed"), HttpStatusCode.NotFound, "agent-not-found");

        await api.PutServiceAsync("sales", new { name = "Sales", channels = new[] { "chat" } });
        (await admin.PutAsJsonAsync("/api/v1/campaigns/renewals", new { name = "Renewals", mode = "Preview", serviceId = "sales" })).EnsureSuccessStatusCode();
        var longPhone = new string('9', 100_000);
        var list = new StringContent("name,phone1,timezone\n" + string.Concat(Enumerable.Range(0, 30).Select(i => $"C{i},{longPhone},\n")) + $"Z,+12125550101,{new string('Z', 100_000)}\n",
            Encoding.UTF8, "text/csv");
        var report = await admin.PostAsync("/api/v1/campaigns/renewals/lists", list);
        Assert.Equal(HttpStatusCode.Accepted, report.StatusCode);
        var body = await report.Content.ReadAsStringAsync();
        Assert.True(body.Length < 10_000, $"the report is {body.Length} characters");
        Assert.Equal(31, (await Json(report)).GetProperty("rejected").GetInt32());
    }

    [Fact]
    public async Task States_reasons_and_list_fields_have_limits_and_a_refusal_quotes_only_a_prefix()
    {
        using var ann = await api.ReadyAgentAsync("ann");
        var state = await ann.PutAsJsonAsync("/api/v1/agents/ann/state", new { state = new string('R', 500_000) });
        await AssertProblem(state, HttpStatusCode.BadRequest, "invalid-state");
        Assert.True((await state.Content.ReadAsStringAsync()).Length < 2_000);
        await AssertProblem(await ann.PutAsJsonAsync("/api/v1/agents/ann/state", new { state = "NotReady", reason = new string('r', 101) }),
            HttpStatusCode.BadRequest, "validation-failed");
        Assert.Equal("Ready", (await Json(await ann.GetAsync("/api/v1/agents/ann"))).GetProperty("state").GetString());

        using var admin = await api.AdminAsync();
        (await admin.PutAsJsonAsync("/api/v1/campaigns/renewals", new { name = "Renewals", mode = "Preview", serviceId = "sales" })).EnsureSuccessStatusCode();
        var tooWide = "name," + string.Join(',', Enumerable.Range(0, 50).Select(i => $"c{i}")) + "\nA" + new string(',', 50) + "\n";
        await AssertProblem(await admin.PostAsync("/api/v1/campaigns/renewals/lists", new StringContent(tooWide, Encoding.UTF8, "text/csv")),
            HttpStatusCode.BadRequest, "csv-malformed");
        var longColumnName = await admin.PostAsync("/api/v1/campaigns/renewals/lists",
            new StringContent($"name,{new string('c', 100_000)}\nA,x\n", Encoding.UTF8, "text/csv"));
        await AssertProblem(longColumnName, HttpStatusCode.BadRequest, "csv-malformed");
        Assert.True((await longColumnName.Content.ReadAsStringAsync()).Length < 2_000);
        var list = $"name,phone1,account\n{new string('N', 201)},+12125550101,a\nB,+12125550102,{new string('x', 1001)}\nC,+12125550103,ok\n";
        var report = await Json(await admin.PostAsync("/api/v1/campaigns/renewals/lists", new StringContent(list, Encoding.UTF8, "text/csv")));
        Assert.Equal((1, 2), (report.GetProperty("accepted").GetInt32(), report.GetProperty("rejected").GetInt32()));
        Assert.Equal(["account", "name"], report.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString()).Order());
    }

    [Fact]
    public async Task A_chat_holds_a_bounded_transcript()
    {
        await api.PutServiceAsync("sales", new { name = "Sales", channels = new[] { "chat" } });
        var customer = api.CreateClient();
        var started = await Json(await customer.PostAsJsonAsync("/api/v1/public/chats", new { serviceId = "sales", customer = new { name = "Carol" }, text = "Hello" }));
        var chatId = started.GetProperty("chatId").GetString()!;
        customer.DefaultRequestHeaders.Add("X-Customer-Token", started.GetProperty("customerToken").GetString());
        // The lines a long chat would have written, put in behind the server's back while it is stopped.
        await api.DisposeAsync();
        await ExecuteAsync("WITH RECURSIVE n(seq) AS (SELECT 3 UNION ALL SELECT seq + 1 FROM n WHERE seq < " + (ChatLimits.MaxLines - 1) + ") " +
            "INSERT INTO grain_journal (grain_type, grain_key, seq, kind, at, payload) " +
            $"SELECT 'chat', '{chatId}', seq, 'chat.message', 0, '{{\"from\":\"Customer\",\"text\":\"more\",\"customerSees\":true}}' FROM n");
        api = new ApiFactory(database);
        customer = api.CreateClient();
        customer.DefaultRequestHeaders.Add("X-Customer-Token", started.GetProperty("customerToken").GetString());

        Assert.Equal(HttpStatusCode.Created, (await customer.PostAsJsonAsync($"/api/v1/public/chats/{chatId}/messages", new { text = "the last one" })).StatusCode);
        var full = await customer.PostAsJsonAsync($"/api/v1/public/chats/{chatId}/messages", new { text = "one more" });
        await AssertProblem(full, HttpStatusCode.Conflict, "transcript-full");
        Assert.Equal(ChatLimits.MaxLines, (await Json(full)).GetProperty("limit").GetInt32());
        // The customer can still end it: the system's closing line fits.
        Assert.True((await customer.PostAsync($"/api/v1/public/chats/{chatId}/end", null)).IsSuccessStatusCode);
    }

    /// <summary>A list upload whose client goes away after the first rows, more than one chunk of the load.</summary>
    private sealed class HangingUp : HttpContent
    {
        public HangingUp() => Headers.ContentType = new MediaTypeHeaderValue("text/csv");

        protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context)
        {
            await stream.WriteAsync(Encoding.UTF8.GetBytes("name,phone1\n" + string.Concat(Enumerable.Range(0, 5000).Select(i => $"C{i},+1212{i:D7}\n"))));
            await stream.FlushAsync();
            await Task.Delay(200);
            throw new IOException("the client went away");
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }

    /// <summary>A list upload that sends a header and <paramref name="rows"/> rows, then waits for <paramref name="release"/> before its last row.</summary>
    private sealed class PausedUpload : HttpContent
    {
        private readonly int rows;
        private readonly Task release;

        public PausedUpload(int rows, Task release)
        {
            (this.rows, this.release) = (rows, release);
            Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        }

        protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context)
        {
            await stream.WriteAsync(Encoding.UTF8.GetBytes("name,phone1\n" + string.Concat(Enumerable.Range(0, rows).Select(i => $"C{i},+1212{i:D7}\n"))));
            await stream.FlushAsync();
            await release;
            await stream.WriteAsync(Encoding.UTF8.GetBytes("Last,+13125550100\n"));
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }

    private async Task<long> CountAsync(string sql)
    {
        await using var connection = await database.CreateDialect().OpenAsync();
        await using var command = connection.Query(sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = await database.CreateDialect().OpenAsync();
        await using var command = connection.Query(sql);
        await command.ExecuteNonQueryAsync();
    }

    private static StringContent Form(string body) => new(body, Encoding.ASCII, "application/x-www-form-urlencoded");
}
