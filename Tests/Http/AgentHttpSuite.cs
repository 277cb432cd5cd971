using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Contact.Grains.Interfaces;
using Contact.Tests.Support;
using static Contact.Tests.Support.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Contact.Tests.Http;

/// <summary>The agent API as a desktop uses it, over HTTP, on each database.</summary>
public abstract class AgentHttpSuite(DatabaseKind kind) : IAsyncLifetime
{
    private static readonly TimeSpan patience = TimeSpan.FromSeconds(10);
    private readonly Database database = new(kind);
    private ApiFactory api = null!;

    public Task InitializeAsync()
    {
        api = new ApiFactory(database);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await api.DisposeAsync();
        database.Dispose();
    }

    [Fact]
    public async Task The_agent_day_works_over_http()
    {
        using var ann = await api.CreateAgentAsync("ann");

        var session = await ann.PostAsync("/api/v1/agents/ann/session", null);
        Assert.Equal(HttpStatusCode.OK, session.StatusCode);
        Assert.Equal("NotReady", (await Json(session)).GetProperty("state").GetString());

        Assert.Equal("Ready", (await Json(await PutState(ann, "ann", "Ready"))).GetProperty("state").GetString());
        var notReady = await Json(await PutState(ann, "ann", "NotReady", "Break"));
        Assert.Equal(("NotReady", "Break"), (notReady.GetProperty("state").GetString(), notReady.GetProperty("reason").GetString()));

        await PutState(ann, "ann", "Ready");
        await Grains.GetGrain<IAgentGrain>("ann").Offer(new InteractionOffer("chat-1", "chat", "sales"));
        var pending = await Json(await PutState(ann, "ann", "NotReady", "Lunch"));
        Assert.Equal(("Busy", "NotReady", "Lunch"),
            (pending.GetProperty("state").GetString(), pending.GetProperty("pendingState").GetString(), pending.GetProperty("pendingReason").GetString()));
        var interaction = pending.GetProperty("interactions")[0];
        Assert.Equal(("chat-1", "chat", "Offered"),
            (interaction.GetProperty("id").GetString(), interaction.GetProperty("kind").GetString(), interaction.GetProperty("state").GetString()));

        var illegal = await ann.PostAsync("/api/v1/agents/ann/session", null);
        await AssertProblem(illegal, HttpStatusCode.Conflict, "illegal-transition");
        var problem = await Json(illegal);
        Assert.Equal("Busy", problem.GetProperty("currentState").GetString());
        Assert.Equal(["Ready", "NotReady"], problem.GetProperty("allowed").EnumerateArray().Select(a => a.GetString()));

        var history = await Json(await ann.GetAsync("/api/v1/agents/ann/history"));
        Assert.Equal(["NotReady", "Ready", "NotReady", "Ready", "Busy"],
            history.EnumerateArray().Select(h => h.GetProperty("change").GetProperty("to").GetString()));
    }

    [Fact]
    public async Task An_agent_may_act_on_itself_only()
    {
        using var ann = await api.CreateAgentAsync("ann");
        using var bob = await api.CreateAgentAsync("bob");

        await AssertProblem(await bob.PostAsync("/api/v1/agents/ann/session", null), HttpStatusCode.Forbidden, "forbidden");
        await AssertProblem(await bob.GetAsync("/api/v1/agents/ann"), HttpStatusCode.Forbidden, "forbidden");
        await AssertProblem(await bob.GetAsync("/api/v1/agents"), HttpStatusCode.Forbidden, "forbidden");
        await AssertProblem(await bob.PutAsJsonAsync("/api/v1/agents/carl", new { name = "Carl", password = "password-carl" }),
            HttpStatusCode.Forbidden, "forbidden");
        await AssertProblem(await bob.GetAsync("/api/v1/agents/ann/events"), HttpStatusCode.Forbidden, "forbidden");

        Assert.Equal("LoggedOut", (await Json(await ann.GetAsync("/api/v1/agents/ann"))).GetProperty("state").GetString());
    }

    [Fact]
    public async Task Supervisors_read_everyone_and_may_set_an_agents_state()
    {
        using var ann = await api.CreateAgentAsync("ann");
        using var sue = await api.CreateAgentAsync("sue", Roles.Agent, Roles.Supervisor);
        await ann.PostAsync("/api/v1/agents/ann/session", null);

        var all = await Json(await sue.GetAsync("/api/v1/agents"));
        Assert.Equal(["ann", "sue"], all.EnumerateArray().Select(a => a.GetProperty("id").GetString()).Order());
        Assert.Equal(HttpStatusCode.OK, (await PutState(sue, "ann", "NotReady", "Meeting")).StatusCode);
        await AssertProblem(await sue.PutAsJsonAsync("/api/v1/agents/zed", new { name = "Zed", password = "password-zed" }),
            HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task Bad_requests_get_problem_details_and_change_nothing()
    {
        using var ann = await api.CreateAgentAsync("ann");
        using var admin = await api.AdminAsync();
        await ann.PostAsync("/api/v1/agents/ann/session", null);

        await AssertProblem(await ann.PutAsync("/api/v1/agents/ann/state", new StringContent("{\"state\":", Encoding.UTF8, "application/json")),
            HttpStatusCode.BadRequest, "malformed-json");
        await AssertProblem(await ann.PutAsync("/api/v1/agents/ann/state", new StringContent("", Encoding.UTF8, "application/json")),
            HttpStatusCode.BadRequest, "bad-request");
        await AssertProblem(await PutState(ann, "ann", "Sleeping"), HttpStatusCode.BadRequest, "invalid-state");
        await AssertProblem(await PutState(ann, "ann", "7"), HttpStatusCode.BadRequest, "invalid-state");
        await AssertProblem(await PutState(ann, "ann", "Busy"), HttpStatusCode.BadRequest, "state-not-settable");
        await AssertProblem(await PutState(ann, "ann", "NotReady", "Nap"), HttpStatusCode.BadRequest, "unknown-reason");
        await AssertProblem(await ann.GetAsync("/api/v1/agents/ann/history?limit=0"), HttpStatusCode.BadRequest, "validation-failed");
        await AssertProblem(await admin.GetAsync("/api/v1/agents/nobody"), HttpStatusCode.NotFound, "agent-not-found");
        await AssertProblem(await admin.GetAsync("/api/v1/agents/bad%20id"), HttpStatusCode.BadRequest, "invalid-id");
        await AssertProblem(await admin.GetAsync("/api/v1/nothing-here"), HttpStatusCode.NotFound, "route-not-found");
        await AssertProblem(await admin.PatchAsync("/api/v1/agents/ann/state", null), HttpStatusCode.MethodNotAllowed, "method-not-allowed");

        var badAgent = await admin.PutAsJsonAsync("/api/v1/agents/zed", new { name = "", password = "short", maxChats = 0, roles = new[] { "boss" } });
        await AssertProblem(badAgent, HttpStatusCode.BadRequest, "validation-failed");
        Assert.Equal(["maxChats", "name", "password", "roles"],
            (await Json(badAgent)).GetProperty("errors").EnumerateObject().Select(p => p.Name).Order());
        await AssertProblem(await admin.PutAsJsonAsync("/api/v1/agents/zed", new { name = "Zed" }), HttpStatusCode.BadRequest, "password-required");
        await AssertProblem(await admin.GetAsync("/api/v1/agents/zed"), HttpStatusCode.NotFound, "agent-not-found");

        var view = await Json(await ann.GetAsync("/api/v1/agents/ann"));
        Assert.Equal(("NotReady", JsonValueKind.Null), (view.GetProperty("state").GetString(), view.GetProperty("reason").ValueKind));
    }

    [Fact]
    public async Task Tokens_are_needed_and_wrong_passwords_refused()
    {
        var anonymous = api.CreateClient();
        await AssertProblem(await anonymous.GetAsync("/api/v1/agents/ann"), HttpStatusCode.Unauthorized, "unauthorized");
        await AssertProblem(await anonymous.PostAsJsonAsync("/api/v1/auth/token", new { username = "admin", password = "wrong-password" }),
            HttpStatusCode.Unauthorized, "invalid-credentials");
        await AssertProblem(await anonymous.PostAsJsonAsync("/api/v1/auth/token", new { username = "nobody", password = "whatever1" }),
            HttpStatusCode.Unauthorized, "invalid-credentials");
        await AssertProblem(await anonymous.PostAsJsonAsync("/api/v1/auth/token", new { username = "admin" }),
            HttpStatusCode.BadRequest, "validation-failed");

        var token = await Json(await anonymous.PostAsJsonAsync("/api/v1/auth/token", new { username = "admin", password = ApiFactory.AdminPassword }));
        Assert.Equal(["admin", "supervisor"], token.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.True(token.GetProperty("expiresAt").GetDateTimeOffset() > DateTimeOffset.UtcNow);
    }

    [Fact]
    public async Task A_token_used_many_times_is_still_refused_once_it_expires()
    {
        var clock = new ManualTimeProvider();
        await using var timed = new ApiFactory(database, clock, new Dictionary<string, string> { ["Contact:Auth:TokenMinutes"] = "60" });
        var admin = await timed.AdminAsync();

        // Within its hour (and the 30 s of clock skew allowed) the token works, every time.
        for (var minute = 0; minute <= 60; minute += 20)
        {
            Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/v1/agents")).StatusCode);
            clock.Advance(TimeSpan.FromMinutes(20));
        }
        await AssertProblem(await admin.GetAsync("/api/v1/agents"), HttpStatusCode.Unauthorized, "unauthorized");

        var fresh = await timed.AdminAsync();
        Assert.Equal(HttpStatusCode.OK, (await fresh.GetAsync("/api/v1/agents")).StatusCode);
    }

    [Fact]
    public async Task Events_stream_live_and_replay_after_a_reconnect_with_Last_Event_ID()
    {
        using var ann = await api.CreateAgentAsync("ann");
        await ann.PostAsync("/api/v1/agents/ann/session", null);

        using (var stream = await OpenEvents(ann, lastEventId: null))
        {
            await PutState(ann, "ann", "Ready");
            var ready = await stream.NextAsync(patience);
            Assert.Equal((2L, "agent.state"), (ready.Id, ready.Type));
            Assert.Equal("Ready", JsonDocument.Parse(ready.Data).RootElement.GetProperty("to").GetString());
        }

        await PutState(ann, "ann", "NotReady", "Break");
        await PutState(ann, "ann", "Ready");

        using var resumed = await OpenEvents(ann, lastEventId: 2);
        var missed = new[] { await resumed.NextAsync(patience), await resumed.NextAsync(patience) };
        Assert.Equal([3L, 4L], missed.Select(e => e.Id));
        Assert.Equal(["NotReady", "Ready"], missed.Select(e => JsonDocument.Parse(e.Data).RootElement.GetProperty("to").GetString()));

        await PutState(ann, "ann", "NotReady", "Lunch");
        var live = await resumed.NextAsync(patience);
        Assert.Equal((5L, "Lunch"), (live.Id, JsonDocument.Parse(live.Data).RootElement.GetProperty("reason").GetString()));
    }

    [Fact]
    public async Task Health_and_openapi_answer()
    {
        var client = api.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
        var openApi = await Json(await client.GetAsync("/swagger/v1/swagger.json"));
        Assert.True(openApi.GetProperty("paths").TryGetProperty("/api/v1/agents/{id}/state", out _));
    }

    private IGrainFactory Grains => api.Services.GetRequiredService<IGrainFactory>();

    private static Task<HttpResponseMessage> PutState(HttpClient client, string id, string state, string? reason = null) =>
        client.PutAsJsonAsync($"/api/v1/agents/{id}/state", new { state, reason });

    private static async Task<SseReader> OpenEvents(HttpClient client, long? lastEventId)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/agents/ann/events");
        if (lastEventId is not null) request.Headers.Add("Last-Event-ID", lastEventId.ToString());
        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        return new SseReader(await response.Content.ReadAsStreamAsync());
    }


}

public sealed class SqliteAgentHttpTests() : AgentHttpSuite(DatabaseKind.Sqlite);

public sealed class PostgresAgentHttpTests() : AgentHttpSuite(DatabaseKind.Postgres);
