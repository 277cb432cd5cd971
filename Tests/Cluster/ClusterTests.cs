using System.Net;
using Contact.Grains.Interfaces;
using Contact.Silo.Hosting;
using Contact.Tests.Support;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace Contact.Tests.Cluster;

/// <summary>Silos that share one PostgreSQL database form one Orleans cluster through its membership table.</summary>
public sealed class ClusterTests : IDisposable
{
    private readonly Database database = new(DatabaseKind.Postgres);

    public void Dispose() => database.Dispose();

    [Fact]
    public async Task Two_silos_on_one_database_are_one_cluster_with_one_activation_per_agent()
    {
        await using var east = await TestSilo.StartAsync(database);
        await using var west = await TestSilo.StartAsync(database);

        foreach (var silo in new[] { east, west })
        {
            var hosts = await silo.Grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true);
            Assert.Equal(2, hosts.Count);
        }
        Assert.Equal(2, await ActiveMembersAsync());

        // Two clusters on one database would hold two copies of the agent, and a copy that missed
        // the other's change would fail its version check on its next one; one cluster has one
        // copy, whichever silo the call comes through. Every step changes the agent's state.
        await east.Grains.GetGrain<IAgentGrain>("ann").Configure(new AgentProfile("Ann", ["sales"], 1));
        await east.Grains.GetGrain<IAgentGrain>("ann").StartSession();
        (TestSilo Via, AgentState State, string? Reason)[] steps =
        [
            (east, AgentState.Ready, null), (west, AgentState.NotReady, "Lunch"), (east, AgentState.NotReady, "Break"),
            (west, AgentState.Ready, null), (east, AgentState.NotReady, "Lunch"), (west, AgentState.NotReady, "Break"),
        ];
        foreach (var (via, state, reason) in steps)
        {
            var view = await via.Grains.GetGrain<IAgentGrain>("ann").SetState(state, reason);
            Assert.Equal((state, reason), (view.State, view.Reason));
        }
    }

    [Fact]
    public async Task A_silo_that_stops_leaves_the_cluster_and_the_other_serves_its_agents()
    {
        var east = await TestSilo.StartAsync(database);
        await using var west = await TestSilo.StartAsync(database);
        for (var i = 0; i < 10; i++)
        {
            var agent = east.Grains.GetGrain<IAgentGrain>($"agent-{i}");
            await agent.Configure(new AgentProfile($"Agent {i}", ["sales"], 1));
            await agent.StartSession();
            await agent.SetState(AgentState.Ready, null);
        }

        await east.DisposeAsync();

        Assert.Single(await west.Grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true));
        Assert.Equal(1, await ActiveMembersAsync());
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(AgentState.Ready, (await west.Grains.GetGrain<IAgentGrain>($"agent-{i}").GetView()).State);
        }
    }

    [Fact]
    public async Task A_cluster_setting_on_SQLite_is_refused_at_start()
    {
        using var sqlite = new Database(DatabaseKind.Sqlite);

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            TestSilo.StartAsync(sqlite, settings: new Dictionary<string, string> { ["Contact:Cluster:ClusterId"] = "east" }));

        Assert.Contains("Contact:Cluster:ClusterId", refused.Message);
        Assert.Contains("Contact:Storage=Postgres", refused.Message);
    }

    [Theory]
    [InlineData("Contact:Orleans:SiloPort", "11112", "have moved")]
    [InlineData("Contact:Cluster:SiloPort", "70000", "TCP port")]
    [InlineData("Contact:Cluster:GatewayPort", "11111", "must differ")]
    [InlineData("Contact:Cluster:AdvertisedAddress", "0.0.0.0", "at which the other silos")]
    [InlineData("Contact:Cluster:AdvertisedAddress", "no-such-host.invalid", "resolves to it")]
    [InlineData("Contact:Cluster:ServiceId", "two words", "without spaces")]
    public void Bad_cluster_settings_are_refused_with_what_is_wrong(string key, string value, string message)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([KeyValuePair.Create(key, (string?)value)]).Build();

        var refused = Assert.Throws<InvalidOperationException>(() => ClusterSettings.Read(configuration, shared: true));

        Assert.Contains(message, refused.Message);
    }

    [Fact]
    public void An_advertised_host_name_is_resolved_at_start()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([KeyValuePair.Create("Contact:Cluster:AdvertisedAddress", (string?)"localhost")]).Build();

        Assert.Equal(System.Net.IPAddress.Loopback, ClusterSettings.Read(configuration, shared: true).AdvertisedAddress);
    }

    [Fact]
    public void The_defaults_make_one_node_on_this_machine()
    {
        var settings = ClusterSettings.Read(new ConfigurationBuilder().Build(), shared: false);

        Assert.Equal(new ClusterSettings("contact", "contact", IPAddress.Loopback, 11111, 30000), settings);
    }

    private async Task<long> ActiveMembersAsync()
    {
        await using var connection = new NpgsqlConnection(database.PostgresConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT COUNT(*) FROM OrleansMembershipTable WHERE Status = 3", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
