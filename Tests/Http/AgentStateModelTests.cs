using System.Net;
using System.Net.Http.Json;
using Contact.Tests.Support;
using CsCheck;
using static Contact.Tests.Support.Http;

namespace Contact.Tests.Http;

/// <summary>
/// Random days of an agent, driven over HTTP by the agent, a supervisor and another agent, checked
/// step by step against a model of the state machine: every answer is the one the model expects,
/// every state is the model's, and the history is an unbroken chain of exactly the changes made.
/// </summary>
public sealed class AgentStateModelTests : IAsyncLifetime
{
    private enum Actor { Self, Supervisor, OtherAgent }

    private enum Step { StartSession, EndSession, Ready, NotReady }

    private static readonly string?[] reasons = [null, "Break", "lunch", "Nap"];

    private readonly Database database = new(DatabaseKind.Sqlite);
    private ApiFactory api = null!;
    private HttpClient supervisor = null!;
    private HttpClient other = null!;
    private int agents;

    public async Task InitializeAsync()
    {
        api = new ApiFactory(database);
        supervisor = await api.CreateAgentAsync("sue", "agent", "supervisor");
        other = await api.CreateAgentAsync("bob");
    }

    public async Task DisposeAsync()
    {
        supervisor.Dispose();
        other.Dispose();
        await api.DisposeAsync();
        database.Dispose();
    }

    [Fact]
    public async Task Random_days_follow_the_model_and_leave_a_gap_free_history()
    {
        var day = Gen.Select(Gen.Enum<Actor>(), Gen.Enum<Step>(), Gen.Int[0, reasons.Length - 1]).Array[20, 40];
        await day.SampleAsync(async steps =>
        {
            var id = $"model{Interlocked.Increment(ref agents)}";
            using var self = await api.CreateAgentAsync(id);
            var (state, reason, changes) = ("LoggedOut", (string?)null, 0);
            foreach (var (actor, step, r) in steps)
            {
                var caller = actor switch { Actor.Self => self, Actor.Supervisor => supervisor, _ => other };
                var response = await Send(caller, id, step, reasons[r]);
                var (status, nextState, nextReason) = actor == Actor.OtherAgent
                    ? (HttpStatusCode.Forbidden, state, reason)
                    : Model(state, reason, step, reasons[r]);
                Assert.True(status == response.StatusCode, $"{actor} {step} {reasons[r]} from {state}: expected {status}, got {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                if ((nextState, nextReason) != (state, reason)) changes++;
                (state, reason) = (nextState, nextReason);
                var view = await Json(await self.GetAsync($"/api/v1/agents/{id}"));
                Assert.Equal((state, reason), (view.GetProperty("state").GetString(), view.GetProperty("reason").GetString()));
            }
            var history = (await Json(await self.GetAsync($"/api/v1/agents/{id}/history?limit=1000"))).EnumerateArray()
                .Select(h => (From: h.GetProperty("change").GetProperty("from").GetString(), To: h.GetProperty("change").GetProperty("to").GetString())).ToList();
            Assert.Equal(changes, history.Count);
            var expectedFrom = "LoggedOut";
            foreach (var (from, to) in history)
            {
                Assert.Equal(expectedFrom, from);
                expectedFrom = to;
            }
            Assert.Equal(history.Count == 0 ? "LoggedOut" : history[^1].To, state);
        }, iter: 60, threads: 1);
    }

    /// <summary>The state machine without interactions, as the agent guide and README describe it.</summary>
    private static (HttpStatusCode, string, string?) Model(string state, string? reason, Step step, string? asked)
    {
        var canonical = asked?.ToLowerInvariant() switch { null => null, "break" => "Break", "lunch" => "Lunch", _ => "unknown" };
        return step switch
        {
            Step.StartSession => state == "LoggedOut" ? (HttpStatusCode.OK, "NotReady", null) : (HttpStatusCode.Conflict, state, reason),
            Step.EndSession => state == "LoggedOut" ? (HttpStatusCode.Conflict, state, reason) : (HttpStatusCode.OK, "LoggedOut", null),
            Step.NotReady when canonical == "unknown" => (HttpStatusCode.BadRequest, state, reason),
            _ when state == "LoggedOut" => (HttpStatusCode.Conflict, state, reason),
            Step.Ready => (HttpStatusCode.OK, "Ready", null),
            _ => (HttpStatusCode.OK, "NotReady", canonical),
        };
    }

    private static Task<HttpResponseMessage> Send(HttpClient caller, string id, Step step, string? reason) => step switch
    {
        Step.StartSession => caller.PostAsync($"/api/v1/agents/{id}/session", null),
        Step.EndSession => caller.DeleteAsync($"/api/v1/agents/{id}/session"),
        Step.Ready => caller.PutAsJsonAsync($"/api/v1/agents/{id}/state", new { state = "Ready", reason }),
        _ => caller.PutAsJsonAsync($"/api/v1/agents/{id}/state", new { state = "NotReady", reason }),
    };
}
