using Contact.Grains.Interfaces;
using Contact.Storage;
using Contact.Storage.Services;
using Contact.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace Contact.Tests.Services;

/// <summary>Which agents a service's queue asks when it starts: rows of their own, not a list in the queue's record.</summary>
public abstract class ServiceMembershipSuite(DatabaseKind kind) : SiloTest(kind)
{
    private static readonly GrainKey salesQueue = new("service", "sales");

    [Fact]
    public async Task Agents_joining_a_service_leave_its_record_unwritten_and_are_asked_after_a_restart()
    {
        var queue = Silo.Grains.GetGrain<IServiceQueueGrain>("sales");
        await queue.Configure(new ServiceConfig("Sales", [Channels.Chat], null, 30, null, false));
        for (var i = 0; i < 20; i++)
        {
            var agent = Silo.Grains.GetGrain<IAgentGrain>($"agent-{i:00}");
            await agent.Configure(new AgentProfile($"Agent {i}", ["sales"], 1));
            await agent.StartSession();
            await agent.SetState(AgentState.Ready, null);
        }
        // A call behind the agents' one-way announcements.
        await queue.GetView();

        Assert.Equal(1, (await Silo.Storage.ReadStateAsync(salesQueue, "queue"))!.Version);

        await RestartAsync();
        await Silo.Grains.GetGrain<IServiceQueueGrain>("sales").Enqueue("chat-1", [], front: false);

        var offeredTo = Assert.Single((await Silo.Grains.GetGrain<IServiceQueueGrain>("sales").GetView()).Queue).OfferedTo;
        Assert.NotNull(offeredTo);
        Assert.Equal(AgentState.Busy, (await Silo.Grains.GetGrain<IAgentGrain>(offeredTo).GetView()).State);
    }

    [Fact]
    public async Task An_agent_taken_off_a_service_is_no_longer_its_member()
    {
        var agent = Silo.Grains.GetGrain<IAgentGrain>("ann");
        await agent.Configure(new AgentProfile("Ann", ["sales", "support", "sales"], 1));
        var members = Silo.Get<ServiceMembers>();
        Assert.Equal(["ann"], await members.OfAsync("sales"));

        await agent.Configure(new AgentProfile(null, ["support"], null));

        Assert.Empty(await members.OfAsync("sales"));
        Assert.Equal(["ann"], await members.OfAsync("support"));
    }

    [Fact]
    public async Task Members_that_a_queue_record_listed_before_move_to_their_own_rows()
    {
        using var earlier = new Database(Database.Kind);
        // A database of before the membership table: only the storage's own schema, and a queue record with its members.
        await using (var storage = new GrainDatabase(earlier.CreateDialect(), [], TimeProvider.System, NullLogger<GrainDatabase>.Instance))
        {
            await storage.InitializeAsync(CancellationToken.None);
            await storage.WriteStateAsync(new StateWrite(salesQueue, "queue",
                """{"configured":true,"name":"Sales","channels":["chat"],"offerTimeoutSeconds":30,"entries":[],"members":["ann","bob"]}""", null, []));
        }

        await using var silo = await TestSilo.StartAsync(earlier);

        Assert.Equal(["ann", "bob"], (await silo.Get<ServiceMembers>().OfAsync("sales")).Order(StringComparer.Ordinal));
        Assert.Equal("Sales", (await silo.Grains.GetGrain<IServiceQueueGrain>("sales").GetView()).Name);
    }
}

public sealed class SqliteServiceMembershipTests() : ServiceMembershipSuite(DatabaseKind.Sqlite);

public sealed class PostgresServiceMembershipTests() : ServiceMembershipSuite(DatabaseKind.Postgres);
