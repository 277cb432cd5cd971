using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Contact.Tests.Support;
using CsCheck;

namespace Contact.Tests.Http;

/// <summary>
/// Valid requests of every kind, mutated at random (a field left out, a value of the wrong kind or
/// size, the body cut short, garbage, the wrong content type, nesting too deep): the answer is
/// never a 5xx and never a stack trace, and a refused request changes nothing it names.
/// </summary>
public sealed class GeneratedRequestTests : IAsyncLifetime
{
    private const int Requests = 10_000;
    private readonly Database database = new(DatabaseKind.Sqlite);
    private FakeTwilio twilio = null!;
    private ApiFactory api = null!;
    private HttpClient admin = null!;
    private HttpClient ann = null!;

    public async Task InitializeAsync()
    {
        twilio = await FakeTwilio.StartAsync();
        api = new ApiFactory(database, settings: new Dictionary<string, string>
        {
            ["Contact:Twilio:AccountSid"] = FakeTwilio.AccountSid,
            ["Contact:Twilio:AuthToken"] = FakeTwilio.AuthToken,
            ["Contact:Twilio:BaseUrl"] = twilio.BaseUrl,
            ["Logging:LogLevel:Default"] = "None",
        });
        await api.PutServiceAsync("sales", new { name = "Sales", channels = new[] { "chat", "sms" }, smsNumber = "+15550100000" });
        admin = await api.AdminAsync();
        ann = await api.ReadyAgentAsync("ann");
    }

    public async Task DisposeAsync()
    {
        admin.Dispose();
        ann.Dispose();
        await api.DisposeAsync();
        await twilio.DisposeAsync();
        database.Dispose();
    }

    /// <summary>One kind of request: who sends it, where, a valid body, and where to read what it would change.</summary>
    private sealed record Template(string Name, Func<GeneratedRequestTests, HttpClient> Caller, HttpMethod Method, Func<int, string> Path,
        Func<int, JsonObject> Body, Func<int, string?> Readback);

    private static readonly Template[] templates =
    [
        new("agent", t => t.admin, HttpMethod.Put, n => $"/api/v1/agents/fz{n}", n => new JsonObject
        {
            ["name"] = $"Fuzz {n}", ["password"] = "password-fuzz", ["services"] = new JsonArray("sales"), ["maxChats"] = 2, ["roles"] = new JsonArray("agent"),
        }, n => $"/api/v1/agents/fz{n}"),
        new("state", t => t.ann, HttpMethod.Put, _ => "/api/v1/agents/ann/state", _ => new JsonObject { ["state"] = "Ready", ["reason"] = null }, _ => null),
        new("service", t => t.admin, HttpMethod.Put, n => $"/api/v1/services/fz{n}", n => new JsonObject
        {
            ["name"] = $"Service {n}", ["channels"] = new JsonArray("chat"), ["wrapUpSeconds"] = 30, ["offerTimeoutSeconds"] = 30,
        }, n => $"/api/v1/services/fz{n}"),
        new("campaign", t => t.admin, HttpMethod.Put, n => $"/api/v1/campaigns/fz{n}", n => new JsonObject
        {
            ["name"] = $"Campaign {n}", ["mode"] = "Preview", ["serviceId"] = "sales",
            ["dispositions"] = new JsonArray(new JsonObject { ["name"] = "Sale", ["outcome"] = "final" }),
            ["maxAttempts"] = 3, ["retryMinutes"] = 60, ["callingHours"] = new JsonObject { ["from"] = "09:00", ["to"] = "21:00" },
            ["timeZone"] = "UTC", ["defaultCountry"] = "US", ["previewSeconds"] = 30,
        }, n => $"/api/v1/campaigns/fz{n}"),
        new("chat", t => t.api.CreateClient(), HttpMethod.Post, _ => "/api/v1/public/chats", n => new JsonObject
        {
            ["serviceId"] = "sales", ["text"] = "Hello",
            ["customer"] = new JsonObject { ["name"] = "Cy", ["email"] = $"cy{n}@example.com", ["phone"] = "+1 212 555 0101", ["visitorId"] = $"v{n}" },
        }, _ => null),
        new("token", t => t.api.CreateClient(), HttpMethod.Post, _ => "/api/v1/auth/token", n => new JsonObject { ["username"] = $"fz{n}", ["password"] = "password-fuzz" }, _ => null),
        new("sms", t => t.ann, HttpMethod.Post, _ => "/api/v1/sms", _ => new JsonObject { ["serviceId"] = "sales", ["to"] = "+15550199999", ["text"] = "Hi" }, _ => null),
        new("canned", t => t.ann, HttpMethod.Put, n => $"/api/v1/agents/ann/canned-responses/fz{n % 20}", n => new JsonObject { ["title"] = "Greeting", ["text"] = "Hi there" },
            _ => null),
        new("reschedule", t => t.ann, HttpMethod.Post, _ => "/api/v1/records/nosuch/reschedule", _ => new JsonObject { ["at"] = "2030-01-01T10:00:00Z", ["personal"] = true }, _ => null),
        new("ban", t => t.admin, HttpMethod.Post, _ => "/api/v1/customers/nosuch/ban", _ => new JsonObject { ["reason"] = "abuse" }, _ => null),
    ];

    [Fact]
    public async Task Mutated_requests_never_get_a_5xx_a_stack_trace_or_a_change_from_a_refusal()
    {
        var fiveHundreds = 0;
        var sent = 0;
        var sample = Gen.Select(Gen.Int[0, templates.Length - 1], Gen.Int[0, 9], Gen.Int[0, 49], Gen.Int);
        await sample.SampleAsync(async (which, mutation, n, seed) =>
        {
            var template = templates[which];
            var random = new Random(seed);
            var caller = template.Caller(this);
            var before = template.Readback(n) is { } readback ? await Snapshot(readback) : null;
            using var request = new HttpRequestMessage(template.Method, template.Path(n)) { Content = Mutate(template.Body(n), mutation, random) };
            using var response = await caller.SendAsync(request);
            Interlocked.Increment(ref sent);
            var body = await response.Content.ReadAsStringAsync();
            if ((int)response.StatusCode >= 500) Interlocked.Increment(ref fiveHundreds);
            Assert.True((int)response.StatusCode < 500, $"{template.Name} mutation {mutation}: {(int)response.StatusCode} {body}");
            Assert.DoesNotContain("   at ", body);
            Assert.DoesNotContain("System.", body);
            if ((int)response.StatusCode >= 400 && before is not null) Assert.Equal(before, await Snapshot(template.Readback(n)!));
        }, iter: Requests, threads: 1);
        Assert.Equal((Requests, 0), (sent, fiveHundreds));
    }

    private async Task<string> Snapshot(string path)
    {
        using var response = await admin.GetAsync(path);
        // A problem's trace id differs from answer to answer; the rest must not.
        var read = JsonNode.Parse(await response.Content.ReadAsStringAsync());
        if (read is JsonObject answer) answer.Remove("traceId");
        return $"{(int)response.StatusCode} {read?.ToJsonString()}";
    }

    private static HttpContent Mutate(JsonObject body, int mutation, Random random)
    {
        var names = body.Select(p => p.Key).ToArray();
        switch (mutation)
        {
            case 1:
                body.Remove(names[random.Next(names.Length)]);
                break;
            case 2:
                body[names[random.Next(names.Length)]] = Junk(random);
                break;
            case 3:
                body[RandomText(random, 1 + random.Next(40))] = Junk(random);
                break;
            case 4:
                var text = body.ToJsonString();
                return Json(text[..random.Next(text.Length)]);
            case 5:
                var garbage = new byte[random.Next(1, 2000)];
                random.NextBytes(garbage);
                return new ByteArrayContent(garbage) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } };
            case 6:
                return new StringContent(body.ToJsonString(), Encoding.UTF8, "text/plain");
            case 7:
                return Json(random.Next(3) switch { 0 => "[1,2,3]", 1 => "42", _ => "\"text\"" });
            case 8:
                var depth = 60 + random.Next(100);
                return Json(new string('[', depth) + new string(']', depth));
            case 9:
                foreach (var name in names) body[name] = Junk(random);
                break;
        }
        return Json(body.ToJsonString());
    }

    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    private static JsonNode? Junk(Random random) => random.Next(14) switch
    {
        0 => null,
        1 => JsonValue.Create(-1),
        2 => JsonValue.Create(long.MaxValue),
        3 => JsonValue.Create(1e308),
        4 => JsonValue.Create(""),
        5 => JsonValue.Create(RandomText(random, random.Next(1, 300_000))),
        6 => JsonValue.Create(true),
        7 => new JsonArray(),
        8 => new JsonObject(),
        9 => new JsonArray(JsonValue.Create("a"), JsonValue.Create(1), null),
        10 => JsonValue.Create("😀\u0000\u202e<script>"),
        11 => JsonValue.Create("Ready, NotReady"),
        12 => JsonValue.Create(random.Next()),
        _ => new JsonArray([.. Enumerable.Range(0, random.Next(100, 1000)).Select(i => (JsonNode)JsonValue.Create($"s{i}"))]),
    };

    private static string RandomText(Random random, int length)
    {
        var chars = new char[length];
        for (var i = 0; i < length; i++) chars[i] = (char)random.Next(32, 0x2FFF);
        return new string(chars);
    }
}
