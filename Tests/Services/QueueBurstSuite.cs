using Contact.Grains.Interfaces;
using Contact.Storage;
using Contact.Tests.Support;

namespace Contact.Tests.Services;

/// <summary>
/// Many chats and calls reaching one service's queue at once: its requests interleave, and
/// still each goes to an agent of its own, the queue's writes are shared, and what each caller
/// was answered is stored.
/// </summary>
public abstract class QueueBurstSuite(DatabaseKind kind) : SiloTest(kind)
{
    private const int Agents = 40;
    private static readonly GrainKey salesQueue = new("service", "sales");

    [Fact]
    public async Task A_burst_of_chats_and_calls_goes_one_to_each_agent_with_fewer_writes_than_chats_and_survives_a_restart()
    {
        var queue = Silo.Grains.GetGrain<IServiceQueueGrain>("sales");
        await queue.Configure(new ServiceConfig("Sales", [Channels.Chat, Channels.Voice], null, 30, null, false));
        for (var i = 0; i < Agents; i++)
        {
            var agent = Silo.Grains.GetGrain<IAgentGrain>(AgentId(i));
            await agent.Configure(new AgentProfile($"Agent {i}", ["sales"], 1));
            await agent.StartSession();
            await agent.SetState(AgentState.Ready, null);
            // Each agent idle a second less than the one before; one offered anything is idle least.
            Silo.Time.Advance(TimeSpan.FromSeconds(1));
        }
        // A call behind the agents' one-way announcements.
        await queue.GetView();
        var versionBefore = (await Silo.Storage.ReadStateAsync(salesQueue, "queue"))!.Version;

        await Task.WhenAll(Enumerable.Range(0, Agents).Select(i => i % 2 == 0
            ? queue.Enqueue($"chat-{i}", [], front: false)
            : queue.EnqueueCall($"call-{i}", [], front: false)));

        var offers = (await queue.GetView()).Queue;
        Assert.Equal(Agents, offers.Length);
        Assert.All(offers, entry => Assert.NotNull(entry.OfferedTo));
        Assert.Equal(Agents, offers.Select(entry => entry.OfferedTo).Distinct().Count());
        foreach (var entry in offers)
        {
            var view = await Silo.Grains.GetGrain<IAgentGrain>(entry.OfferedTo!).GetView();
            Assert.Equal((AgentState.Busy, entry.ChatId), (view.State, Assert.Single(view.Interactions).Id));
        }
        var writes = (await Silo.Storage.ReadStateAsync(salesQueue, "queue"))!.Version - versionBefore;
        Assert.True(writes < Agents, $"the queue wrote {writes} times for {Agents} chats and calls");

        await RestartAsync();

        var stored = (await Silo.Grains.GetGrain<IServiceQueueGrain>("sales").GetView()).Queue;
        Assert.Equal(offers.Select(e => (e.ChatId, e.OfferedTo)).Order(), stored.Select(e => (e.ChatId, e.OfferedTo)).Order());
    }

    [Fact]
    public async Task Chats_that_end_while_a_burst_is_routed_leave_no_entry_behind()
    {
        var queue = Silo.Grains.GetGrain<IServiceQueueGrain>("sales");
        await queue.Configure(new ServiceConfig("Sales", [Channels.Chat], null, 30, null, false));
        var ann = Silo.Grains.GetGrain<IAgentGrain>("ann");
        await ann.Configure(new AgentProfile("Ann", ["sales"], 1));
        await ann.StartSession();
        await ann.SetState(AgentState.Ready, null);
        await queue.GetView();

        // Every other chat ends as soon as it has been queued, while the rest are still being offered.
        await Task.WhenAll(Enumerable.Range(0, Agents).Select(async i =>
        {
            await queue.Enqueue($"chat-{i}", [], front: false);
            if (i % 2 == 1) await queue.Withdraw($"chat-{i}");
        }));

        // A revoked offer frees Ann, and her one-way announcement brings the next chat.
        var offered = Assert.Single((await Eventually.Until(ann.GetView, v => v.Interactions.Length == 1 && v.State == AgentState.Busy)).Interactions);
        var left = (await Eventually.Until(queue.GetView, v => v.Queue.Any(e => e.OfferedTo == "ann"))).Queue;
        var stillWaiting = Enumerable.Range(0, Agents).Where(i => i % 2 == 0).Select(i => $"chat-{i}").Order().ToArray();
        Assert.Equal(stillWaiting, left.Select(entry => entry.ChatId).Order());
        Assert.Equal(offered.Id, Assert.Single(left, entry => entry.OfferedTo is not null).ChatId);

        await RestartAsync();

        var stored = (await Silo.Grains.GetGrain<IServiceQueueGrain>("sales").GetView()).Queue;
        Assert.Equal(stillWaiting, stored.Select(entry => entry.ChatId).Order());
    }

    private static string AgentId(int i) => $"agent-{i:00}";
}

public sealed class SqliteQueueBurstTests() : QueueBurstSuite(DatabaseKind.Sqlite);

public sealed class PostgresQueueBurstTests() : QueueBurstSuite(DatabaseKind.Postgres);
