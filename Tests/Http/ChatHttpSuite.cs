using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Contact.Grains.Interfaces;
using Contact.Tests.Support;
using static Contact.Tests.Support.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Contact.Tests.Http;

/// <summary>The seed's chat chapters over HTTP: customer, agents, supervisor, on each database.</summary>
public abstract class ChatHttpSuite(DatabaseKind kind) : IAsyncLifetime
{
    private static readonly TimeSpan patience = TimeSpan.FromSeconds(10);
    private readonly Database database = new(kind);
    private readonly ManualTimeProvider time = new(DateTimeOffset.UtcNow);
    private ApiFactory api = null!;

    public async Task InitializeAsync()
    {
        api = new ApiFactory(database, time);
        await api.PutServiceAsync("sales", new { name = "Sales", channels = new[] { "chat" }, wrapUpSeconds = 30, offerTimeoutSeconds = 20 });
    }

    public async Task DisposeAsync()
    {
        await api.DisposeAsync();
        database.Dispose();
    }

    [Fact]
    public async Task A_chat_goes_to_the_longest_idle_agent_is_transferred_and_ends_with_wrap_up()
    {
        using var ann = await api.ReadyAgentAsync("ann");
        time.Advance(TimeSpan.FromSeconds(1));
        using var bob = await api.ReadyAgentAsync("bob");
        using var annEvents = await SseReader.OpenAsync(ann, "/api/v1/agents/ann/events");

        var (chatId, token) = await StartChat(new { name = "Carol", email = "carol@example.com", visitorId = "v-carol" }, "Hello");
        var offered = await annEvents.Until("chat.offered", patience);
        Assert.Equal((chatId, "Carol"), (Data(offered).GetProperty("interactionId").GetString(), Data(offered).GetProperty("details").GetProperty("customerName").GetString()));
        Assert.Equal("Busy", await AgentStateAsync(ann, "ann"));

        Assert.Equal("Active", (await Json(await ann.PostAsync($"/api/v1/chats/{chatId}/accept", null))).GetProperty("state").GetString());
        var customer = CustomerClient(token);
        using var customerEvents = await SseReader.OpenAsync(customer, $"/api/v1/public/chats/{chatId}/events?lastEventId=0");
        Assert.Equal("The chat has started.", Text(await customerEvents.Until("chat.message", patience)));

        Assert.Equal(HttpStatusCode.Created, (await customer.PostAsJsonAsync($"/api/v1/public/chats/{chatId}/messages", new { text = "Is it in stock?" })).StatusCode);
        Assert.Equal("Is it in stock?", Data(await annEvents.Until("chat.message", patience)).GetProperty("text").GetString());
        var reply = await Json(await ann.PostAsJsonAsync($"/api/v1/chats/{chatId}/messages", new { text = "Let me check." }));
        Assert.True(reply.GetProperty("seq").GetInt64() > 0);
        Assert.Equal("Let me check.", await NextText(customerEvents, "Let me check."));

        using var bobEvents = await SseReader.OpenAsync(bob, "/api/v1/agents/bob/events");
        await ann.PostAsJsonAsync($"/api/v1/chats/{chatId}/transfer", new { agentId = "bob" });
        Assert.Equal(chatId, Data(await bobEvents.Until("chat.offered", patience)).GetProperty("interactionId").GetString());
        Assert.Equal("AfterCallWork", await AgentStateAsync(ann, "ann"));
        await bob.PostAsync($"/api/v1/chats/{chatId}/accept", null);
        var transcript = await Json(await bob.GetAsync($"/api/v1/chats/{chatId}/messages"));
        Assert.Contains(transcript.EnumerateArray(), m => m.GetProperty("text").GetString() == "Is it in stock?");

        Assert.Equal("Ended", (await Json(await bob.PostAsync($"/api/v1/chats/{chatId}/end", null))).GetProperty("state").GetString());
        Assert.Equal("The chat was ended by agent bob.", await NextText(customerEvents, "The chat was ended by agent bob."));
        Assert.Equal("AfterCallWork", await AgentStateAsync(bob, "bob"));
        await MoveTime(TimeSpan.FromSeconds(30));
        Assert.Equal("Ready", await AgentStateAsync(bob, "bob"));
        Assert.Equal("Ready", await AgentStateAsync(ann, "ann"));
    }

    [Fact]
    public async Task Reject_and_no_answer_pass_the_chat_on_and_are_counted()
    {
        using var ann = await api.ReadyAgentAsync("ann");
        time.Advance(TimeSpan.FromSeconds(1));
        using var bob = await api.ReadyAgentAsync("bob");
        var (chatId, _) = await StartChat(new { name = "Dan" }, null);

        var rejected = await Json(await ann.PostAsync($"/api/v1/chats/{chatId}/reject", null));
        Assert.Equal("Queued", rejected.GetProperty("state").GetString());
        Assert.Equal(("NotReady", "Rejected"), await StateAndReason(ann, "ann"));
        Assert.Equal("Busy", await AgentStateAsync(bob, "bob"));

        await MoveTime(TimeSpan.FromSeconds(20));
        Assert.Equal(("NotReady", "NoAnswer"), await StateAndReason(bob, "bob"));

        using var admin = await api.AdminAsync();
        var agents = (await Json(await admin.GetAsync("/api/v1/agents"))).EnumerateArray().ToDictionary(a => a.GetProperty("id").GetString()!);
        Assert.Equal((1, 0), (agents["ann"].GetProperty("rejectedCount").GetInt32(), agents["ann"].GetProperty("noAnswerCount").GetInt32()));
        Assert.Equal((0, 1), (agents["bob"].GetProperty("rejectedCount").GetInt32(), agents["bob"].GetProperty("noAnswerCount").GetInt32()));
        var waiting = Assert.Single((await Json(await admin.GetAsync("/api/v1/services/sales"))).GetProperty("queue").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, waiting.GetProperty("offeredTo").ValueKind);

        // The chat waited; it is offered as soon as an agent is Ready again.
        await ann.PutAsJsonAsync("/api/v1/agents/ann/state", new { state = "Ready" });
        Assert.Equal("Active", (await Json(await ann.PostAsync($"/api/v1/chats/{chatId}/accept", null))).GetProperty("state").GetString());
    }

    [Fact]
    public async Task Ban_ends_the_chat_bans_every_address_survives_a_restart_and_can_be_lifted()
    {
        using var ann = await api.ReadyAgentAsync("ann");
        var (chatId, token) = await StartChat(new { name = "Eve", email = "Eve@Example.com", phone = "+1 555 010 0199", visitorId = "v-eve" }, "spam");
        await ann.PostAsync($"/api/v1/chats/{chatId}/accept", null);

        var ban = await Json(await ann.PostAsJsonAsync($"/api/v1/chats/{chatId}/messages", new { text = "/ban" }));
        Assert.Equal("ban", ban.GetProperty("status").GetString());
        Assert.Equal("AfterCallWork", await AgentStateAsync(ann, "ann"));
        var customer = CustomerClient(token);
        var seen = await Json(await customer.GetAsync($"/api/v1/public/chats/{chatId}/messages"));
        Assert.DoesNotContain(seen.EnumerateArray(), m => m.GetProperty("text").GetString() == "/ban");
        var agentSees = await Json(await ann.GetAsync($"/api/v1/chats/{chatId}/messages"));
        Assert.Contains(agentSees.EnumerateArray(), m => m.GetProperty("text").GetString() == "/ban" && m.GetProperty("from").GetString() == "System");
        await AssertProblem(await customer.PostAsJsonAsync($"/api/v1/public/chats/{chatId}/messages", new { text = "hello?" }), HttpStatusCode.Conflict, "chat-ended");

        await AssertBanned(new { visitorId = "v-eve" });
        await AssertBanned(new { email = "eve@example.com" });
        await AssertBanned(new { phone = "+15550100199", name = "Someone else" });
        // Read by libphonenumber with the default region (US): the national form is the same number.
        await AssertBanned(new { phone = "(555) 010-0199" });

        await api.DisposeAsync();
        api = new ApiFactory(database, time);
        await AssertBanned(new { email = "EVE@example.com" });

        using var admin = await api.AdminAsync();
        var found = await Json(await admin.GetAsync("/api/v1/customers?email=eve@example.com"));
        Assert.True(found.GetProperty("banned").GetBoolean());
        Assert.Equal("ann", found.GetProperty("ban").GetProperty("by").GetString());
        var lifted = await Json(await admin.DeleteAsync($"/api/v1/customers/{found.GetProperty("id").GetString()}/ban"));
        Assert.False(lifted.GetProperty("banned").GetBoolean());
        Assert.Equal(HttpStatusCode.Created, (await api.CreateClient().PostAsJsonAsync("/api/v1/public/chats",
            new { serviceId = "sales", customer = new { visitorId = "v-eve" } })).StatusCode);
    }

    [Fact]
    public async Task After_a_ban_a_time_limited_wrap_up_ends_on_time_on_the_real_clock()
    {
        // The real clock: the wrap-up's due time and the reminder's are both read from it. A
        // database of its own: on PostgreSQL a second server on the suite's database would join
        // the suite's silo, whose grains run on the manual clock, in one cluster.
        using var own = new Database(database.Kind);
        await using var live = new ApiFactory(own, TimeProvider.System);
        await live.PutServiceAsync("quick", new { name = "Quick", channels = new[] { "chat" }, wrapUpSeconds = 3, offerTimeoutSeconds = 20 });
        using var admin = await live.AdminAsync();
        (await admin.PutAsJsonAsync("/api/v1/agents/kim", new { name = "Kim", password = "password-kim", services = new[] { "quick" }, maxChats = 1 })).EnsureSuccessStatusCode();
        using var kim = await live.LoginAsync("kim", "password-kim");
        await kim.PostAsync("/api/v1/agents/kim/session", null);
        await kim.PutAsJsonAsync("/api/v1/agents/kim/state", new { state = "Ready" });
        var started = await Json(await live.CreateClient().PostAsJsonAsync("/api/v1/public/chats", new { serviceId = "quick", customer = new { name = "Troll" }, text = "spam" }));
        var chatId = started.GetProperty("chatId").GetString();
        await kim.PostAsync($"/api/v1/chats/{chatId}/accept", null);

        await kim.PostAsJsonAsync($"/api/v1/chats/{chatId}/messages", new { text = "/ban" });
        var banned = await Json(await kim.GetAsync("/api/v1/agents/kim"));
        Assert.Equal("AfterCallWork", banned.GetProperty("state").GetString());

        var due = banned.GetProperty("since").GetDateTimeOffset().AddSeconds(3);
        var state = "AfterCallWork";
        while (state == "AfterCallWork" && DateTimeOffset.UtcNow < due + patience)
        {
            await Task.Delay(100);
            state = await AgentStateAsync(kim, "kim");
        }
        Assert.Equal("Ready", state);
    }

    [Fact]
    public async Task An_offer_open_when_the_server_stops_is_taken_back_on_time_after_the_restart_with_no_other_traffic()
    {
        // The real clock and a database of its own, as above: the queue's stored reminder is what
        // brings the queue back, since after the restart nothing else asks for it.
        using var own = new Database(database.Kind);
        var live = new ApiFactory(own, TimeProvider.System);
        await live.PutServiceAsync("quick", new { name = "Quick", channels = new[] { "chat" }, offerTimeoutSeconds = 8 });
        using (var admin = await live.AdminAsync())
        {
            (await admin.PutAsJsonAsync("/api/v1/agents/kim", new { name = "Kim", password = "password-kim", services = new[] { "quick" }, maxChats = 1 })).EnsureSuccessStatusCode();
        }
        using (var kim = await live.LoginAsync("kim", "password-kim"))
        {
            await kim.PostAsync("/api/v1/agents/kim/session", null);
            await kim.PutAsJsonAsync("/api/v1/agents/kim/state", new { state = "Ready" });
        }
        await live.CreateClient().PostAsJsonAsync("/api/v1/public/chats", new { serviceId = "quick", customer = new { name = "Carol" } });
        var offeredAt = DateTimeOffset.UtcNow;
        await live.DisposeAsync();

        await using var restarted = new ApiFactory(own, TimeProvider.System);
        using var supervisor = await restarted.AdminAsync();
        var (state, reason) = ("", "");
        while (state != "NotReady" && DateTimeOffset.UtcNow < offeredAt.AddSeconds(8) + patience)
        {
            await Task.Delay(200);
            (state, reason) = await StateAndReason(supervisor, "kim");
        }
        Assert.Equal(("NotReady", "NoAnswer"), (state, reason));
        var queue = await Json(await supervisor.GetAsync("/api/v1/services/quick"));
        Assert.Equal(JsonValueKind.Null, Assert.Single(queue.GetProperty("queue").EnumerateArray()).GetProperty("offeredTo").ValueKind);
    }

    [Fact]
    public async Task Bad_chat_requests_get_their_codes_and_change_nothing()
    {
        using var ann = await api.ReadyAgentAsync("ann");
        using var bob = await api.CreateAgentAsync("bob");
        var anonymous = api.CreateClient();
        await AssertProblem(await anonymous.PostAsJsonAsync("/api/v1/public/chats", new { serviceId = "nope", customer = new { name = "X" } }),
            HttpStatusCode.NotFound, "service-not-found");
        await AssertProblem(await anonymous.PostAsJsonAsync("/api/v1/public/chats", new { serviceId = "sales", customer = new { email = "not an email" } }),
            HttpStatusCode.BadRequest, "validation-failed");

        var (chatId, token) = await StartChat(new { name = "Fay" }, null);
        var (otherChat, otherToken) = await StartChat(new { name = "Gus" }, null);
        var customer = CustomerClient(token);
        var before = (await Json(await customer.GetAsync($"/api/v1/public/chats/{chatId}/messages"))).GetArrayLength();

        await AssertProblem(await customer.PostAsJsonAsync($"/api/v1/public/chats/{chatId}/messages", new { text = "  " }), HttpStatusCode.BadRequest, "message-empty");
        var tooLong = await customer.PostAsJsonAsync($"/api/v1/public/chats/{chatId}/messages", new { text = new string('x', 2001) });
        await AssertProblem(tooLong, HttpStatusCode.BadRequest, "message-too-long");
        Assert.Equal((2000, 2001), ((await Json(tooLong)).GetProperty("limit").GetInt32(), (await Json(tooLong)).GetProperty("length").GetInt32()));
        await AssertProblem(await CustomerClient(otherToken).PostAsJsonAsync($"/api/v1/public/chats/{chatId}/messages", new { text = "hi" }),
            HttpStatusCode.Forbidden, "invalid-customer-token");
        await AssertProblem(await anonymous.PostAsJsonAsync($"/api/v1/public/chats/{chatId}/messages", new { text = "hi" }),
            HttpStatusCode.Unauthorized, "customer-token-required");
        await AssertProblem(await bob.PostAsync($"/api/v1/chats/{chatId}/accept", null), HttpStatusCode.Conflict, "not-offered-to-you");
        await AssertProblem(await bob.PostAsJsonAsync($"/api/v1/chats/{chatId}/messages", new { text = "hi" }), HttpStatusCode.Forbidden, "not-your-chat");
        Assert.Equal(before, (await Json(await customer.GetAsync($"/api/v1/public/chats/{chatId}/messages"))).GetArrayLength());

        await customer.PostAsync($"/api/v1/public/chats/{chatId}/end", null);
        await AssertProblem(await customer.PostAsJsonAsync($"/api/v1/public/chats/{chatId}/messages", new { text = "still there?" }), HttpStatusCode.Conflict, "chat-ended");
        await AssertProblem(await ann.PostAsync($"/api/v1/chats/{chatId}/accept", null), HttpStatusCode.Conflict, "chat-ended");
        Assert.Equal("Busy", await AgentStateAsync(ann, "ann"));
        Assert.Equal(otherChat, (await Json(await ann.GetAsync("/api/v1/agents/ann"))).GetProperty("interactions")[0].GetProperty("id").GetString());
    }

    [Fact]
    public async Task An_agent_takes_chats_up_to_its_limit_and_a_customer_can_end_a_chat()
    {
        await api.PutServiceAsync("support", new { name = "Support", channels = new[] { "chat" }, offerTimeoutSeconds = 20 });
        using var ann = await api.ReadyAgentAsync("ann");
        var (first, token) = await StartChat(new { name = "Hal" }, null);
        var (second, _) = await StartChat(new { name = "Ida" }, null);
        var (third, _) = await StartChat(new { name = "Jo" }, null);
        await ann.PostAsync($"/api/v1/chats/{first}/accept", null);
        await ann.PostAsync($"/api/v1/chats/{second}/accept", null);

        // maxChats is 2: the third waits.
        var view = await Json(await ann.GetAsync("/api/v1/agents/ann"));
        Assert.Equal([first, second], view.GetProperty("interactions").EnumerateArray().Select(i => i.GetProperty("id").GetString()));
        using var admin = await api.AdminAsync();
        Assert.Equal(third, (await Json(await admin.GetAsync("/api/v1/services/sales"))).GetProperty("queue")[0].GetProperty("chatId").GetString());

        // The customer ends one: its slot goes to the waiting chat; the agent stays Busy.
        Assert.Equal("Ended", (await Json(await CustomerClient(token).PostAsync($"/api/v1/public/chats/{first}/end", null))).GetProperty("state").GetString());
        var after = await Json(await ann.GetAsync("/api/v1/agents/ann"));
        Assert.Equal("Busy", after.GetProperty("state").GetString());
        Assert.Equal([second, third], after.GetProperty("interactions").EnumerateArray().Select(i => i.GetProperty("id").GetString()));

        // A transfer to another service puts the chat at the front of that queue.
        var moved = await Json(await ann.PostAsJsonAsync($"/api/v1/chats/{second}/transfer", new { serviceId = "support" }));
        Assert.Equal(("Queued", "support"), (moved.GetProperty("state").GetString(), moved.GetProperty("serviceId").GetString()));
        Assert.Equal(second, (await Json(await admin.GetAsync("/api/v1/services/support"))).GetProperty("queue")[0].GetProperty("chatId").GetString());

        // The disposition belongs to every agent who had the chat, also after it left them.
        var disposed = await Json(await ann.PutAsJsonAsync($"/api/v1/chats/{second}/disposition", new { disposition = "Transferred", notes = "Billing question" }));
        Assert.Equal(("Transferred", "Billing question"), (disposed.GetProperty("disposition").GetString(), disposed.GetProperty("notes").GetString()));
        await AssertProblem(await ann.PutAsJsonAsync($"/api/v1/chats/{second}/disposition", new { disposition = "" }), HttpStatusCode.BadRequest, "validation-failed");
        await AssertProblem(await ann.PostAsJsonAsync($"/api/v1/chats/{third}/transfer", new { agentId = "bob" }), HttpStatusCode.Forbidden, "not-your-chat");
    }

    [Fact]
    public async Task A_quiet_stream_sends_keep_alives_and_still_delivers_what_comes_after()
    {
        using var ann = await api.ReadyAgentAsync("ann");
        var response = await ann.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/v1/agents/ann/events"), HttpCompletionOption.ResponseHeadersRead);
        using var raw = new StreamReader(await response.Content.ReadAsStreamAsync());
        Assert.Equal(": live", await raw.ReadLineAsync());
        Assert.Equal("", await raw.ReadLineAsync());

        for (var i = 0; i < 3; i++)
        {
            time.Advance(TimeSpan.FromSeconds(15));
            using var wait = new CancellationTokenSource(patience);
            Assert.Equal(": keep-alive", await raw.ReadLineAsync(wait.Token));
            Assert.Equal("", await raw.ReadLineAsync(wait.Token));
        }
        await ann.PutAsJsonAsync("/api/v1/agents/ann/state", new { state = "NotReady", reason = "Break" });

        using var delivered = new CancellationTokenSource(patience);
        string? line;
        while ((line = await raw.ReadLineAsync(delivered.Token)) is not null && !line.StartsWith("event: ", StringComparison.Ordinal))
        {
        }
        Assert.Equal("event: agent.state", line);
    }

    [Fact]
    public async Task Canned_responses_are_created_listed_edited_and_deleted()
    {
        using var ann = await api.CreateAgentAsync("ann");
        using var bob = await api.CreateAgentAsync("bob");

        var added = await ann.PostAsJsonAsync("/api/v1/agents/ann/canned-responses", new { title = "Greeting", text = "Hello! How can I help?" });
        var created = await Json(added);
        var id = created.GetProperty("id").GetString();
        Assert.Equal("Hello! How can I help?", (await Json(await ann.GetAsync(added.Headers.Location))).GetProperty("text").GetString());
        await AssertProblem(await bob.GetAsync(added.Headers.Location), HttpStatusCode.Forbidden, "forbidden");
        await AssertProblem(await ann.GetAsync("/api/v1/agents/ann/canned-responses/nope"), HttpStatusCode.NotFound, "canned-response-not-found");
        await ann.PutAsJsonAsync($"/api/v1/agents/ann/canned-responses/{id}", new { title = "Greeting", text = "Hi there!" });
        await ann.PostAsJsonAsync("/api/v1/agents/ann/canned-responses", new { title = "Bye", text = "Goodbye." });

        var list = await Json(await ann.GetAsync("/api/v1/agents/ann/canned-responses"));
        Assert.Equal(["Hi there!", "Goodbye."], list.EnumerateArray().Select(r => r.GetProperty("text").GetString()));
        await AssertProblem(await ann.PostAsJsonAsync("/api/v1/agents/ann/canned-responses", new { title = "", text = "x" }), HttpStatusCode.BadRequest, "validation-failed");
        await AssertProblem(await bob.GetAsync("/api/v1/agents/ann/canned-responses"), HttpStatusCode.Forbidden, "forbidden");
        await AssertProblem(await ann.DeleteAsync("/api/v1/agents/ann/canned-responses/nope"), HttpStatusCode.NotFound, "canned-response-not-found");
        Assert.Equal(HttpStatusCode.NoContent, (await ann.DeleteAsync($"/api/v1/agents/ann/canned-responses/{id}")).StatusCode);
        Assert.Single((await Json(await ann.GetAsync("/api/v1/agents/ann/canned-responses"))).EnumerateArray());
    }

    [Fact]
    public async Task A_started_chats_Location_reads_back_as_the_customer_sees_it_without_the_centers_notes()
    {
        var started = await api.CreateClient().PostAsJsonAsync("/api/v1/public/chats", new { serviceId = "sales", customer = new { name = "Carol" }, text = "Hello" });
        var token = (await Json(started)).GetProperty("customerToken").GetString()!;

        await AssertProblem(await api.CreateClient().GetAsync(started.Headers.Location), HttpStatusCode.Unauthorized, "customer-token-required");
        var chat = await Json(await CustomerClient(token).GetAsync(started.Headers.Location));
        Assert.Equal(("Queued", "sales"), (chat.GetProperty("state").GetString(), chat.GetProperty("serviceId").GetString()));
        var ended = await Json(await CustomerClient(token).PostAsync($"{started.Headers.Location}/end", null));
        Assert.Equal("Ended", ended.GetProperty("state").GetString());
        foreach (var view in new[] { chat, ended })
        {
            Assert.Equal(["id", "state", "serviceId", "startedAt", "endedAt", "video"], view.EnumerateObject().Select(p => p.Name));
        }
    }

    private async Task<(string ChatId, string Token)> StartChat(object customer, string? text)
    {
        var response = await api.CreateClient().PostAsJsonAsync("/api/v1/public/chats", new { serviceId = "sales", customer, text });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await Json(response);
        return (body.GetProperty("chatId").GetString()!, body.GetProperty("customerToken").GetString()!);
    }

    private async Task AssertBanned(object customer) =>
        await AssertProblem(await api.CreateClient().PostAsJsonAsync("/api/v1/public/chats", new { serviceId = "sales", customer }),
            HttpStatusCode.Forbidden, "customer-banned");

    private HttpClient CustomerClient(string token)
    {
        var client = api.CreateClient();
        client.DefaultRequestHeaders.Add("X-Customer-Token", token);
        return client;
    }

    /// <summary>
    /// Moves the clock and waits for what it set off: the timers of deadlines (offer timeouts,
    /// wrap-up limits) queue their turns when the clock moves, so a call to the queue runs after
    /// its own, and a call to an agent after the agent's.
    /// </summary>
    private async Task MoveTime(TimeSpan by)
    {
        time.Advance(by);
        await api.Services.GetRequiredService<IGrainFactory>().GetGrain<IServiceQueueGrain>("sales").GetView();
    }

    private static async Task<(string?, string?)> StateAndReason(HttpClient client, string id)
    {
        var view = await Json(await client.GetAsync($"/api/v1/agents/{id}"));
        return (view.GetProperty("state").GetString(), view.GetProperty("reason").GetString());
    }

    private static async Task<string?> NextText(SseReader events, string expected)
    {
        while (true)
        {
            var text = Text(await events.NextAsync(patience));
            if (text == expected) return text;
        }
    }

    private static string? Text(SseEvent e) => Data(e).GetProperty("text").GetString();
}

public sealed class SqliteChatHttpTests() : ChatHttpSuite(DatabaseKind.Sqlite);

public sealed class PostgresChatHttpTests() : ChatHttpSuite(DatabaseKind.Postgres);
