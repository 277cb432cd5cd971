using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Contact.Tests.Support;
using static Contact.Tests.Support.Http;

namespace Contact.Tests.Http;

/// <summary>
/// The guide's "Mobile Video" over HTTP, on each database: the customer of a chat asks for video,
/// the agent allows or declines it, the server opens a room on the Twilio stand-in (its Rooms
/// resource) and hands both sides a token for it; only the customer closes the video, and the
/// chat's end closes the room.
/// </summary>
public abstract class VideoHttpSuite(DatabaseKind kind) : IAsyncLifetime
{
    private static readonly TimeSpan patience = TimeSpan.FromSeconds(10);
    private readonly Database database = new(kind);
    private FakeTwilio twilio = null!;
    private ApiFactory api = null!;

    public async Task InitializeAsync()
    {
        twilio = await FakeTwilio.StartAsync();
        var settings = twilio.SettingsFor("http://localhost");
        settings["Contact:Twilio:ApiKeySid"] = "SK0123456789abcdef0123456789abcdef";
        settings["Contact:Twilio:ApiKeySecret"] = "a-secret-of-thirty-two-characters";
        api = new ApiFactory(database, settings: settings);
        await api.PutServiceAsync("sales", new { name = "Sales", channels = new[] { "chat" }, wrapUpSeconds = 30 });
    }

    public async Task DisposeAsync()
    {
        await api.DisposeAsync();
        await twilio.DisposeAsync();
        database.Dispose();
    }

    [Fact]
    public async Task The_agent_allows_the_video_the_customer_asks_for_both_join_its_room_and_only_the_customer_closes_it()
    {
        using var ann = await api.ReadyAgentAsync("ann");
        using var annEvents = await SseReader.OpenAsync(ann, "/api/v1/agents/ann/events");
        var (chatId, customer) = await ChatWithAsync(ann);
        using var customerEvents = await SseReader.OpenAsync(customer, $"/api/v1/public/chats/{chatId}/events");

        var asked = await Json(await customer.PostAsync($"/api/v1/public/chats/{chatId}/video", null));
        Assert.Equal("Requested", asked.GetProperty("video").GetProperty("state").GetString());
        var requested = Data(await annEvents.Until("chat.video-requested", patience));
        Assert.Equal((chatId, "Requested"), (requested.GetProperty("chatId").GetString(), requested.GetProperty("state").GetString()));
        Assert.Equal("Requested", Data(await customerEvents.Until("chat.video", patience)).GetProperty("status").GetString());
        // Asking twice is asking once; no room exists before the agent allows it.
        Assert.Equal(HttpStatusCode.OK, (await customer.PostAsync($"/api/v1/public/chats/{chatId}/video", null)).StatusCode);
        Assert.Empty(twilio.Rooms);
        await AssertProblem(await customer.PostAsync($"/api/v1/public/chats/{chatId}/video/token", null), HttpStatusCode.Conflict, "video-not-active");

        var allowed = await Json(await ann.PostAsync($"/api/v1/chats/{chatId}/video/allow", null));
        var room = Assert.Single(twilio.Rooms);
        Assert.Equal((room.UniqueName, "in-progress"), ($"chat-{chatId}-1", room.Status));
        Assert.Equal(("Active", room.UniqueName), (allowed.GetProperty("video").GetProperty("state").GetString(), allowed.GetProperty("video").GetProperty("room").GetString()));
        Assert.Equal("Active", Data(await customerEvents.Until("chat.video", patience)).GetProperty("status").GetString());

        Assert.Equal(("ann", room.UniqueName), await TokenAsync(ann, $"/api/v1/chats/{chatId}/video/token"));
        Assert.Equal(($"customer-{chatId}", room.UniqueName), await TokenAsync(customer, $"/api/v1/public/chats/{chatId}/video/token"));

        await AssertProblem(await ann.PostAsync($"/api/v1/chats/{chatId}/video/close", null), HttpStatusCode.Conflict, "video-closed-by-customer-only");
        Assert.Equal("in-progress", room.Status);

        var closed = await Json(await customer.PostAsync($"/api/v1/public/chats/{chatId}/video/close", null));
        Assert.Equal(("Closed", "Active"), (closed.GetProperty("video").GetProperty("state").GetString(), closed.GetProperty("state").GetString()));
        Assert.Equal("completed", room.Status);
        Assert.Equal("Closed", Data(await annEvents.Until("chat.video-closed", patience)).GetProperty("state").GetString());
        await AssertProblem(await ann.PostAsync($"/api/v1/chats/{chatId}/video/token", null), HttpStatusCode.Conflict, "video-not-active");
        await AssertProblem(await customer.PostAsync($"/api/v1/public/chats/{chatId}/video/close", null), HttpStatusCode.Conflict, "video-not-active");
        // The chat goes on without video.
        Assert.Equal(HttpStatusCode.Created, (await customer.PostAsJsonAsync($"/api/v1/public/chats/{chatId}/messages", new { text = "Thanks!" })).StatusCode);
    }

    [Fact]
    public async Task A_declined_customer_may_ask_again_each_allowed_video_gets_a_room_of_its_own_and_the_chat_end_closes_it()
    {
        using var ann = await api.ReadyAgentAsync("ann");
        var (chatId, customer) = await ChatWithAsync(ann);

        await customer.PostAsync($"/api/v1/public/chats/{chatId}/video", null);
        var declined = await Json(await ann.PostAsync($"/api/v1/chats/{chatId}/video/decline", null));
        Assert.Equal("Declined", declined.GetProperty("video").GetProperty("state").GetString());
        await AssertProblem(await ann.PostAsync($"/api/v1/chats/{chatId}/video/allow", null), HttpStatusCode.Conflict, "video-not-requested");
        Assert.Empty(twilio.Rooms);

        await customer.PostAsync($"/api/v1/public/chats/{chatId}/video", null);
        (await ann.PostAsync($"/api/v1/chats/{chatId}/video/allow", null)).EnsureSuccessStatusCode();
        (await customer.PostAsync($"/api/v1/public/chats/{chatId}/video/close", null)).EnsureSuccessStatusCode();
        await customer.PostAsync($"/api/v1/public/chats/{chatId}/video", null);
        (await ann.PostAsync($"/api/v1/chats/{chatId}/video/allow", null)).EnsureSuccessStatusCode();
        Assert.Equal([$"chat-{chatId}-1", $"chat-{chatId}-2"], twilio.Rooms.Select(r => r.UniqueName));

        var ended = await Json(await ann.PostAsync($"/api/v1/chats/{chatId}/end", null));
        Assert.Equal(("Ended", "Closed"), (ended.GetProperty("state").GetString(), ended.GetProperty("video").GetProperty("state").GetString()));
        Assert.All(twilio.Rooms, r => Assert.Equal("completed", r.Status));
        var lines = await Json(await ann.GetAsync($"/api/v1/chats/{chatId}/messages"));
        Assert.Equal(["Requested", "Declined", "Requested", "Active", "Closed", "Requested", "Active", "Closed"],
            lines.EnumerateArray().Where(l => l.GetProperty("status").ValueKind == JsonValueKind.String).Select(l => l.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task Video_is_refused_before_an_agent_joins_to_other_agents_and_while_Twilio_refuses_the_room_nothing_changes()
    {
        using var ann = await api.ReadyAgentAsync("ann");
        using var bob = await api.ReadyAgentAsync("bob");
        var start = await Json(await api.CreateClient().PostAsJsonAsync("/api/v1/public/chats", new { serviceId = "sales", customer = new { name = "Carol" } }));
        var chatId = start.GetProperty("chatId").GetString()!;
        var customer = CustomerClient(start.GetProperty("customerToken").GetString()!);
        await AssertProblem(await api.CreateClient().PostAsync($"/api/v1/public/chats/{chatId}/video", null), HttpStatusCode.Unauthorized, "customer-token-required");

        // Offered to ann, who has not accepted yet: nobody could allow it.
        await Eventually.Until(() => AgentStateAsync(ann, "ann"), s => s == "Busy");
        await AssertProblem(await customer.PostAsync($"/api/v1/public/chats/{chatId}/video", null), HttpStatusCode.Conflict, "video-needs-agent");
        (await ann.PostAsync($"/api/v1/chats/{chatId}/accept", null)).EnsureSuccessStatusCode();
        await AssertProblem(await ann.PostAsync($"/api/v1/chats/{chatId}/video/allow", null), HttpStatusCode.Conflict, "video-not-requested");
        await customer.PostAsync($"/api/v1/public/chats/{chatId}/video", null);
        await AssertProblem(await bob.PostAsync($"/api/v1/chats/{chatId}/video/allow", null), HttpStatusCode.Forbidden, "not-your-chat");
        await AssertProblem(await bob.PostAsync($"/api/v1/chats/{chatId}/video/token", null), HttpStatusCode.Forbidden, "not-your-chat");

        twilio.AnswerNext(HttpStatusCode.BadRequest, 53000, "Rooms are not enabled for this account");
        await AssertProblem(await ann.PostAsync($"/api/v1/chats/{chatId}/video/allow", null), HttpStatusCode.ServiceUnavailable, "video-provider-failed");
        var still = await Json(await ann.GetAsync($"/api/v1/chats/{chatId}"));
        Assert.Equal("Requested", still.GetProperty("video").GetProperty("state").GetString());
        Assert.Equal("Active", (await Json(await ann.PostAsync($"/api/v1/chats/{chatId}/video/allow", null))).GetProperty("video").GetProperty("state").GetString());

        // Twilio cannot close the room when the chat ends: the chat ends all the same.
        twilio.AnswerNext(HttpStatusCode.BadRequest, 53000, "Rooms are not enabled for this account");
        await AssertProblem(await customer.PostAsync($"/api/v1/public/chats/{chatId}/video/close", null), HttpStatusCode.ServiceUnavailable, "video-provider-failed");
        twilio.AnswerNext(HttpStatusCode.BadRequest, 53000, "Rooms are not enabled for this account");
        var ended = await Json(await customer.PostAsync($"/api/v1/public/chats/{chatId}/end", null));
        Assert.Equal(("Ended", "Closed"), (ended.GetProperty("state").GetString(), ended.GetProperty("video").GetProperty("state").GetString()));
        await AssertProblem(await customer.PostAsync($"/api/v1/public/chats/{chatId}/video", null), HttpStatusCode.Conflict, "chat-ended");
    }

    private async Task<(string ChatId, HttpClient Customer)> ChatWithAsync(HttpClient agent)
    {
        var response = await api.CreateClient().PostAsJsonAsync("/api/v1/public/chats", new { serviceId = "sales", customer = new { name = "Carol" }, text = "Hi" });
        var body = await Json(response);
        var chatId = body.GetProperty("chatId").GetString()!;
        await Eventually.Until(() => agent.PostAsync($"/api/v1/chats/{chatId}/accept", null), r => r.IsSuccessStatusCode);
        return (chatId, CustomerClient(body.GetProperty("customerToken").GetString()!));
    }

    private HttpClient CustomerClient(string token)
    {
        var client = api.CreateClient();
        client.DefaultRequestHeaders.Add("X-Customer-Token", token);
        return client;
    }

    /// <summary>The identity and the video grant's room of the access token <paramref name="path"/> answers.</summary>
    private static async Task<(string?, string?)> TokenAsync(HttpClient client, string path)
    {
        var token = (await Json(await client.PostAsync(path, null))).GetProperty("token").GetString()!;
        var grants = JwtClaims(token).GetProperty("grants");
        return (grants.GetProperty("identity").GetString(), grants.GetProperty("video").GetProperty("room").GetString());
    }
}

public sealed class SqliteVideoHttpTests() : VideoHttpSuite(DatabaseKind.Sqlite);

public sealed class PostgresVideoHttpTests() : VideoHttpSuite(DatabaseKind.Postgres);
