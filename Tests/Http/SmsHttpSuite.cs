using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Contact.Tests.Support;
using static Contact.Tests.Support.Http;

namespace Contact.Tests.Http;

/// <summary>
/// The seed's SMS chapter over HTTP, on each database: the API on a real socket, Twilio's part
/// played by the stand-in, which takes the texts and calls the webhooks back with signatures.
/// </summary>
public abstract class SmsHttpSuite(DatabaseKind kind) : IAsyncLifetime
{
    private const string SalesNumber = "+15550100000";
    private const string Customer = "+15550199999";
    private static readonly TimeSpan patience = TimeSpan.FromSeconds(10);
    private readonly Database database = new(kind);
    private FakeTwilio twilio = null!;
    private ApiFactory api = null!;
    private Dictionary<string, string> settings = null!;
    private string publicUrl = "";
    private int texts;

    public async Task InitializeAsync()
    {
        twilio = await FakeTwilio.StartAsync();
        (api, publicUrl) = ApiFactory.StartOnLoopback(database, url =>
        {
            settings = twilio.SettingsFor(url);
            settings["Contact:Twilio:RetryDelay"] = "00:00:00.001";
            return settings;
        });
        await PutSales(acceptsCustomerSms: false);
    }

    public async Task DisposeAsync()
    {
        await api.DisposeAsync();
        await twilio.DisposeAsync();
        database.Dispose();
    }

    [Fact]
    public async Task A_text_from_Ready_gets_a_reply_shows_Delivered_and_End_Chat_closes_it()
    {
        using var ann = await api.ReadyAgentAsync("ann");
        using var events = await SseReader.OpenAsync(ann, "/api/v1/agents/ann/events");

        var sent = await Json(await SendSms(ann, Customer, "Your confirmation number is 4417."));
        var chatId = sent.GetProperty("chatId").GetString()!;
        Assert.Equal("queued", sent.GetProperty("status").GetString());
        var message = Assert.Single(twilio.Messages);
        Assert.Equal((SalesNumber, Customer, "Your confirmation number is 4417."), (message.From, message.To, message.Body));
        Assert.Equal("Ready", await AgentStateAsync(ann, "ann"));

        Assert.Equal(HttpStatusCode.NoContent, (await twilio.ReportStatusAsync(message, "sent")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await twilio.ReportStatusAsync(message, "delivered")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await twilio.ReportStatusAsync(message, "sent")).StatusCode);
        Assert.Equal("sent", Data(await events.Until("sms.status", patience)).GetProperty("status").GetString());
        Assert.Equal("delivered", Data(await events.Until("sms.status", patience)).GetProperty("status").GetString());
        Assert.Equal("delivered", (await LastAgentLine(ann, chatId)).GetProperty("status").GetString());

        var reply = await TextIn(Customer, "Thanks! Got it.");
        Assert.Equal(HttpStatusCode.OK, reply.StatusCode);
        Assert.Equal("<Response></Response>", (await reply.Content.ReadAsStringAsync())[^21..]);
        var seen = Data(await events.Until("chat.message", patience));
        Assert.Equal((chatId, "Thanks! Got it."), (seen.GetProperty("chatId").GetString(), seen.GetProperty("text").GetString()));
        Assert.Equal(chatId, (await Json(await SendSms(ann, Customer, "You're welcome."))).GetProperty("chatId").GetString());

        Assert.Equal("Ended", (await Json(await ann.PostAsync($"/api/v1/chats/{chatId}/end", null))).GetProperty("state").GetString());
        Assert.Equal("Ready", await AgentStateAsync(ann, "ann"));
        var late = NextSid();
        await TextIn(Customer, "One more thing", late);
        using var admin = await api.AdminAsync();
        var record = await Json(await admin.GetAsync($"/api/v1/sms/inbound/{late}"));
        Assert.Equal("Recorded", record.GetProperty("outcome").GetString());
        Assert.DoesNotContain((await Json(await ann.GetAsync($"/api/v1/chats/{chatId}/messages"))).EnumerateArray(),
            m => m.GetProperty("text").GetString() == "One more thing");

        // Acknowledged means durable: after a restart the statuses and the texts are all there.
        await api.DisposeAsync();
        api = new ApiFactory(database, settings: settings);
        using var annAgain = await api.LoginAsync("ann", "password-ann");
        Assert.Equal("delivered", (await Json(await annAgain.GetAsync($"/api/v1/chats/{chatId}/messages"))).EnumerateArray()
            .First(m => m.GetProperty("text").GetString() == "Your confirmation number is 4417.").GetProperty("status").GetString());
        using var adminAgain = await api.AdminAsync();
        Assert.Equal(HttpStatusCode.OK, (await adminAgain.GetAsync($"/api/v1/sms/inbound/{late}")).StatusCode);
    }

    [Fact]
    public async Task A_customers_text_is_routed_like_a_chat_and_a_replay_is_stored_once()
    {
        await PutSales(acceptsCustomerSms: true);
        using var ann = await api.ReadyAgentAsync("ann");
        using var events = await SseReader.OpenAsync(ann, "/api/v1/agents/ann/events");

        var sid = NextSid();
        Assert.Equal(HttpStatusCode.OK, (await TextIn(Customer, "Is my order shipped?", sid)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await TextIn(Customer, "Is my order shipped?", sid)).StatusCode);
        var offer = Data(await events.Until("chat.offered", patience));
        var chatId = offer.GetProperty("interactionId").GetString()!;
        Assert.Equal(Customer, offer.GetProperty("details").GetProperty("customerPhone").GetString());
        Assert.Equal(HttpStatusCode.OK, (await ann.PostAsync($"/api/v1/chats/{chatId}/accept", null)).StatusCode);
        var transcript = await Json(await ann.GetAsync($"/api/v1/chats/{chatId}/messages"));
        Assert.Single(transcript.EnumerateArray(), m => m.GetProperty("text").GetString() == "Is my order shipped?");

        var answer = await ann.PostAsJsonAsync($"/api/v1/chats/{chatId}/messages", new { text = "Yes, it left today." });
        Assert.Equal(HttpStatusCode.Created, answer.StatusCode);
        var sent = Assert.Single(twilio.Messages);
        Assert.Equal((SalesNumber, Customer, "Yes, it left today."), (sent.From, sent.To, sent.Body));

        // Busy with this chat, the agent texts someone else: that conversation is the agent's, not a second interaction.
        Assert.Equal("Busy", await AgentStateAsync(ann, "ann"));
        Assert.Equal(HttpStatusCode.Created, (await SendSms(ann, "+15550155555", "Your parcel is at the depot.")).StatusCode);
        Assert.Single((await Json(await ann.GetAsync("/api/v1/agents/ann"))).GetProperty("interactions").EnumerateArray());
        Assert.Equal(HttpStatusCode.OK, (await ann.PostAsync($"/api/v1/chats/{chatId}/end", null)).StatusCode);
        Assert.Equal("Ready", await AgentStateAsync(ann, "ann"));
    }

    [Fact]
    public async Task After_ban_in_an_SMS_chat_the_customers_texts_never_reach_an_agent()
    {
        await PutSales(acceptsCustomerSms: true);
        using var ann = await api.ReadyAgentAsync("ann");
        var chatId = (await Json(await SendSms(ann, Customer, "Hello from Sales."))).GetProperty("chatId").GetString()!;
        await TextIn(Customer, "spam spam spam");
        var ban = await ann.PostAsJsonAsync($"/api/v1/chats/{chatId}/messages", new { text = "/ban" });
        Assert.Equal(HttpStatusCode.Created, ban.StatusCode);
        Assert.Single(twilio.Messages);

        using var events = await SseReader.OpenAsync(ann, "/api/v1/agents/ann/events");
        var sid = NextSid();
        Assert.Equal(HttpStatusCode.OK, (await TextIn(Customer, "let me back in", sid)).StatusCode);
        using var admin = await api.AdminAsync();
        Assert.Equal("Banned", (await Json(await admin.GetAsync($"/api/v1/sms/inbound/{sid}"))).GetProperty("outcome").GetString());
        Assert.Empty((await Json(await admin.GetAsync("/api/v1/services/sales"))).GetProperty("queue").EnumerateArray());
        await AssertProblem(await SendSms(ann, Customer, "Hi again"), HttpStatusCode.Forbidden, "customer-banned");
        await AssertProblem(await api.CreateClient().PostAsJsonAsync("/api/v1/public/chats", new { serviceId = "sales", customer = new { phone = Customer } }),
            HttpStatusCode.Forbidden, "customer-banned");
    }

    [Fact]
    public async Task STOP_blocks_sending_without_calling_Twilio_and_START_lifts_it()
    {
        using var ann = await api.ReadyAgentAsync("ann");
        await TextIn(Customer, " stop ");
        await AssertProblem(await SendSms(ann, Customer, "Still there?"), HttpStatusCode.Conflict, "sms-opted-out");
        Assert.Equal(0, twilio.Attempts);

        await TextIn(Customer, "START");
        Assert.Equal(HttpStatusCode.Created, (await SendSms(ann, Customer, "Welcome back.")).StatusCode);

        // Twilio's own opt-out list says the same through error 21610.
        const string other = "+15550177777";
        twilio.Unsubscribe(other);
        await AssertProblem(await SendSms(ann, other, "Hello?"), HttpStatusCode.Conflict, "sms-opted-out");
        var attempts = twilio.Attempts;
        await AssertProblem(await SendSms(ann, other, "Hello again?"), HttpStatusCode.Conflict, "sms-opted-out");
        Assert.Equal(attempts, twilio.Attempts);
    }

    [Theory]
    [InlineData(21211, "The 'To' number is not a valid phone number.")]
    [InlineData(21614, "'To' number is not a valid mobile number")]
    [InlineData(21408, "Permission to send an SMS has not been enabled for the region indicated by the 'To' number")]
    public async Task What_Twilio_refuses_for_the_request_is_422_with_its_code_and_message(int code, string message)
    {
        using var ann = await api.ReadyAgentAsync("ann");
        twilio.AnswerNext(HttpStatusCode.BadRequest, code, message);

        var refused = await SendSms(ann, Customer, "Hello");

        await AssertProblem(refused, HttpStatusCode.UnprocessableEntity, "sms-rejected");
        var problem = await Json(refused);
        Assert.Equal((code, message), (problem.GetProperty("providerCode").GetInt32(), problem.GetProperty("providerMessage").GetString()));
        Assert.Equal(1, twilio.Attempts);
        var line = await LastAgentLine(ann, problem.GetProperty("chatId").GetString()!);
        Assert.Equal(("failed", code), (line.GetProperty("status").GetString(), line.GetProperty("errorCode").GetInt32()));
    }

    [Fact]
    public async Task Twilio_failing_or_refusing_our_credentials_is_a_server_side_error()
    {
        using var ann = await api.ReadyAgentAsync("ann");
        for (var i = 0; i < 4; i++) twilio.AnswerNext(HttpStatusCode.ServiceUnavailable, 20503, "Service unavailable");
        await AssertProblem(await SendSms(ann, Customer, "Hello"), HttpStatusCode.ServiceUnavailable, "sms-unavailable");

        twilio.AnswerNext(HttpStatusCode.Unauthorized, 20003, "Authenticate");
        await AssertProblem(await SendSms(ann, Customer, "Hello again"), HttpStatusCode.BadGateway, "sms-provider-auth-failed");
    }

    [Fact]
    public async Task Webhooks_without_a_valid_signature_get_403_and_change_nothing()
    {
        using var ann = await api.ReadyAgentAsync("ann");
        var chatId = (await Json(await SendSms(ann, Customer, "Your code is 991."))).GetProperty("chatId").GetString()!;
        var message = Assert.Single(twilio.Messages);
        var sid = NextSid();
        var inbound = new Dictionary<string, string> { ["MessageSid"] = sid, ["From"] = Customer, ["To"] = SalesNumber, ["Body"] = "forged" };
        var status = new Dictionary<string, string> { ["MessageSid"] = message.Sid, ["MessageStatus"] = "delivered" };

        await AssertProblem(await twilio.PostSignedAsync($"{publicUrl}/api/v1/twilio/sms", inbound, "bm90IGEgc2lnbmF0dXJl"),
            HttpStatusCode.Forbidden, "invalid-signature");
        await AssertProblem(await api.CreateClient().PostAsync("/api/v1/twilio/sms", new FormUrlEncodedContent(inbound)),
            HttpStatusCode.Forbidden, "invalid-signature");
        var signedElsewhere = TwilioSigner.Sign(FakeTwilio.AuthToken, "https://attacker.example/api/v1/twilio/sms", inbound);
        await AssertProblem(await twilio.PostSignedAsync($"{publicUrl}/api/v1/twilio/sms", inbound, signedElsewhere),
            HttpStatusCode.Forbidden, "invalid-signature");
        await AssertProblem(await twilio.PostSignedAsync(message.StatusCallback!, status, "bm90IGEgc2lnbmF0dXJl"),
            HttpStatusCode.Forbidden, "invalid-signature");

        using var admin = await api.AdminAsync();
        await AssertProblem(await admin.GetAsync($"/api/v1/sms/inbound/{sid}"), HttpStatusCode.NotFound, "sms-not-found");
        Assert.Equal(2, (await Json(await ann.GetAsync($"/api/v1/chats/{chatId}/messages"))).GetArrayLength());
        Assert.Equal("queued", (await LastAgentLine(ann, chatId)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Bad_input_gets_its_problem_code_and_sends_nothing()
    {
        using var ann = await api.ReadyAgentAsync("ann");
        var tooLong = await SendSms(ann, Customer, new string('a', 161));
        await AssertProblem(tooLong, HttpStatusCode.BadRequest, "sms-too-long");
        var problem = await Json(tooLong);
        Assert.Equal((160, 161), (problem.GetProperty("limit").GetInt32(), problem.GetProperty("length").GetInt32()));
        var unicode = await SendSms(ann, Customer, "Привет! " + new string('я', 63));
        await AssertProblem(unicode, HttpStatusCode.BadRequest, "sms-too-long");
        Assert.Equal((70, 71), ((await Json(unicode)).GetProperty("limit").GetInt32(), (await Json(unicode)).GetProperty("length").GetInt32()));
        await AssertProblem(await SendSms(ann, "555-0199", "Hi"), HttpStatusCode.BadRequest, "validation-failed");
        await AssertProblem(await SendSms(ann, Customer, "  "), HttpStatusCode.BadRequest, "message-empty");
        await AssertProblem(await ann.PostAsJsonAsync("/api/v1/sms", new { serviceId = "nope", to = Customer, text = "Hi" }),
            HttpStatusCode.NotFound, "service-not-found");
        Assert.Equal(0, twilio.Attempts);

        await api.PutServiceAsync("web", new { name = "Web", channels = new[] { "chat" } });
        await AssertProblem(await ann.PostAsJsonAsync("/api/v1/sms", new { serviceId = "web", to = Customer, text = "Hi" }),
            HttpStatusCode.Conflict, "channel-not-offered");
        using var admin = await api.AdminAsync();
        await AssertProblem(await admin.PutAsJsonAsync("/api/v1/services/web", new { name = "Web", channels = new[] { "sms" }, smsNumber = SalesNumber }),
            HttpStatusCode.Conflict, "sms-number-taken");
        await AssertProblem(await admin.PostAsJsonAsync("/api/v1/sms", new { serviceId = "sales", to = Customer, text = "Hi" }),
            HttpStatusCode.Forbidden, "forbidden");
        (await ann.DeleteAsync("/api/v1/agents/ann/session")).EnsureSuccessStatusCode();
        await AssertProblem(await SendSms(ann, Customer, "Hi"), HttpStatusCode.Conflict, "agent-logged-out");

        var callback = $"{publicUrl}/api/v1/twilio/status?chatId=no-such-chat&seq=2";
        await AssertProblem(await twilio.PostSignedAsync(callback, new() { ["MessageSid"] = NextSid(), ["MessageStatus"] = "sent" }),
            HttpStatusCode.NotFound, "chat-not-found");
        await AssertProblem(await twilio.PostSignedAsync($"{publicUrl}/api/v1/twilio/sms", new() { ["Body"] = "no sid" }),
            HttpStatusCode.BadRequest, "validation-failed");
        Assert.Equal(0, twilio.Attempts);
    }

    private Task PutSales(bool acceptsCustomerSms) => api.PutServiceAsync("sales", new
    {
        name = "Sales",
        channels = new[] { "chat", "sms" },
        offerTimeoutSeconds = 30,
        smsNumber = SalesNumber,
        acceptsCustomerSms,
    });

    private static Task<HttpResponseMessage> SendSms(HttpClient agent, string to, string text) =>
        agent.PostAsJsonAsync("/api/v1/sms", new { serviceId = "sales", to, text });

    private Task<HttpResponseMessage> TextIn(string from, string body, string? sid = null) =>
        twilio.TextInAsync($"{publicUrl}/api/v1/twilio/sms", sid ?? NextSid(), from, SalesNumber, body);

    private string NextSid() => $"SM{Interlocked.Increment(ref texts):D32}";

    private static async Task<JsonElement> LastAgentLine(HttpClient agent, string chatId) =>
        (await Json(await agent.GetAsync($"/api/v1/chats/{chatId}/messages"))).EnumerateArray().Last(m => m.GetProperty("from").GetString() == "Agent");
}

public sealed class SqliteSmsHttpTests() : SmsHttpSuite(DatabaseKind.Sqlite);

public sealed class PostgresSmsHttpTests() : SmsHttpSuite(DatabaseKind.Postgres);

/// <summary>Without Twilio credentials the server starts, and SMS answers 503.</summary>
public sealed class SmsNotConfiguredTests
{
    [Fact]
    public async Task Every_SMS_endpoint_answers_sms_not_configured()
    {
        using var database = new Database(DatabaseKind.Sqlite);
        await using var api = new ApiFactory(database);
        await api.PutServiceAsync("sales", new { name = "Sales", channels = new[] { "sms" }, smsNumber = "+15550100000" });
        using var ann = await api.ReadyAgentAsync("ann");
        await AssertProblem(await ann.PostAsJsonAsync("/api/v1/sms", new { serviceId = "sales", to = "+15550199999", text = "Hi" }),
            HttpStatusCode.ServiceUnavailable, "sms-not-configured");
        var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["MessageSid"] = "SM1", ["From"] = "+15550199999", ["To"] = "+15550100000" });
        await AssertProblem(await api.CreateClient().PostAsync("/api/v1/twilio/sms", form), HttpStatusCode.ServiceUnavailable, "sms-not-configured");
        await AssertProblem(await api.CreateClient().PostAsync("/api/v1/twilio/status?chatId=c&seq=1", form), HttpStatusCode.ServiceUnavailable, "sms-not-configured");
    }
}
