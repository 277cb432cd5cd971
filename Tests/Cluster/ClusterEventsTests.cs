using System.Net.Http.Json;
using System.Text.Json;
using Contact.Grains.Interfaces;
using Contact.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Contact.Tests.Cluster;

/// <summary>
/// Two servers (each the API with its silo) on one PostgreSQL database: an agent's event stream on
/// one carries what the agent's grain on the other writes, and goes on when the grain moves.
/// </summary>
public sealed class ClusterEventsTests : IAsyncLifetime
{
    private static readonly TimeSpan patience = TimeSpan.FromSeconds(10);
    private readonly Database database = new(DatabaseKind.Postgres);
    private ApiFactory east = null!, west = null!;

    public Task InitializeAsync()
    {
        east = new ApiFactory(database);
        west = new ApiFactory(database);
        // Both silos start before the test: the second joins the first's cluster.
        _ = east.Server;
        _ = west.Server;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await east.DisposeAsync();
        await west.DisposeAsync();
        database.Dispose();
    }

    [Fact]
    public async Task A_stream_on_one_node_carries_the_events_of_a_grain_on_the_other_in_order_while_it_moves()
    {
        using var eastAnn = await east.ReadyAgentAsync("ann");
        var (host, other) = await HostOfAsync(east, "ann") == Silo(east) ? (east, west) : (west, east);
        using var viaHost = await host.LoginAsync("ann", "password-ann");
        using var viaOther = await other.LoginAsync("ann", "password-ann");
        using var events = await SseReader.OpenAsync(viaOther, "/api/v1/agents/ann/events");

        // Written by the grain on the host node; the stream is on the other.
        string[] reasons = ["Break", "Lunch", "Meeting"];
        foreach (var reason in reasons)
        {
            (await viaHost.PutAsJsonAsync("/api/v1/agents/ann/state", new { state = "NotReady", reason })).EnsureSuccessStatusCode();
            (await viaHost.PutAsJsonAsync("/api/v1/agents/ann/state", new { state = "Ready" })).EnsureSuccessStatusCode();
        }
        var seen = await StatesAsync(events, 6, after: null);
        Assert.Equal(["NotReady", "Ready", "NotReady", "Ready", "NotReady", "Ready"], seen.Select(e => e.To));

        // The host stops; the grain comes back on the stream's own node, and the stream goes on.
        await host.DisposeAsync();
        (await viaOther.PutAsJsonAsync("/api/v1/agents/ann/state", new { state = "NotReady", reason = "Training" })).EnsureSuccessStatusCode();
        Assert.Equal(Silo(other), await HostOfAsync(other, "ann"));
        var after = await StatesAsync(events, 1, after: seen[^1].Id);
        Assert.Equal(("NotReady", "Training"), (after[0].To, after[0].Reason));
    }

    /// <summary>The next <paramref name="count"/> state events; every event follows the one before it (or <paramref name="after"/>) with no gap.</summary>
    private static async Task<List<(long Id, string To, string? Reason)>> StatesAsync(SseReader events, int count, long? after)
    {
        var states = new List<(long, string, string?)>();
        while (states.Count < count)
        {
            var next = await events.NextAsync(patience);
            if (after is { } previous) Assert.Equal(previous + 1, next.Id);
            after = next.Id;
            if (next.Type != "agent.state") continue;
            using var data = JsonDocument.Parse(next.Data);
            var reason = data.RootElement.TryGetProperty("reason", out var given) && given.ValueKind == JsonValueKind.String ? given.GetString() : null;
            states.Add((next.Id, data.RootElement.GetProperty("to").GetString()!, reason));
        }
        return states;
    }

    private static async Task<SiloAddress> HostOfAsync(ApiFactory asking, string agentId)
    {
        var grains = asking.Services.GetRequiredService<IGrainFactory>();
        var address = await grains.GetGrain<IManagementGrain>(0).GetActivationAddress(grains.GetGrain<IAgentGrain>(agentId));
        return address ?? throw new InvalidOperationException($"Agent {agentId} is not active.");
    }

    private static SiloAddress Silo(ApiFactory api) => api.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress;
}
