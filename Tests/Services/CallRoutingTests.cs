using Contact.Grains.Interfaces;
using Contact.Storage;
using Contact.Tests.Support;

namespace Contact.Tests.Services;

/// <summary>How a service's queue routes calls beside chats: to Ready agents first, one call per agent, chats not held up behind a call.</summary>
public sealed class CallRoutingTests : SiloTest
{
    private IServiceQueueGrain queue = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        queue = Silo.Grains.GetGrain<IServiceQueueGrain>("sales");
        await queue.Configure(new ServiceConfig("Sales", [Channels.Chat, Channels.Voice], 30, 20, null, false));
    }

    [Fact]
    public async Task A_call_goes_to_the_ready_agent_before_one_idle_longer_but_busy_with_a_chat()
    {
        var bob = await ReadyAgentAsync("bob");
        await queue.Enqueue("chat-1", [], front: false);
        Assert.Single((await bob.GetView()).Interactions);
        Silo.Time.Advance(TimeSpan.FromSeconds(1));
        var ann = await ReadyAgentAsync("ann");

        await queue.EnqueueCall("call-1", new() { ["from"] = "+14155550123" }, front: false);

        var call = Assert.Single((await ann.GetView()).Interactions);
        Assert.Equal(("call-1", InteractionKinds.Call, InteractionState.Offered), (call.Id, call.Kind, call.State));
        Assert.Equal(AgentState.Busy, (await ann.GetView()).State);
    }

    [Fact]
    public async Task With_nobody_ready_a_call_goes_to_an_agent_with_chats_and_a_second_waits_without_holding_up_chats()
    {
        var bob = await ReadyAgentAsync("bob");
        await queue.Enqueue("chat-1", [], front: false);

        await queue.EnqueueCall("call-1", [], front: false);
        await queue.EnqueueCall("call-2", [], front: false);
        await queue.Enqueue("chat-2", [], front: false);

        var view = await bob.GetView();
        Assert.Equal(["chat-1", "call-1", "chat-2"], view.Interactions.Select(i => i.Id));
        var waiting = Assert.Single((await queue.GetView()).Queue, entry => entry.OfferedTo is null);
        Assert.Equal("call-2", waiting.ChatId);
    }

    [Fact]
    public async Task An_unanswered_call_makes_the_agent_not_ready_and_goes_to_the_next_agent()
    {
        var ann = await ReadyAgentAsync("ann");
        Silo.Time.Advance(TimeSpan.FromSeconds(1));
        var bob = await ReadyAgentAsync("bob");
        await queue.EnqueueCall("call-1", [], front: false);
        Assert.Single((await ann.GetView()).Interactions);

        Silo.Time.Advance(TimeSpan.FromSeconds(20));

        var annAfter = await Eventually.Until(ann.GetView, v => v.State == AgentState.NotReady);
        Assert.Equal((AgentState.NotReady, SystemReasons.NoAnswer), (annAfter.State, annAfter.Reason));
        var bobView = await Eventually.Until(bob.GetView, v => v.Interactions.Length == 1);
        Assert.Equal("call-1", Assert.Single(bobView.Interactions).Id);
    }

    private async Task<IAgentGrain> ReadyAgentAsync(string id)
    {
        var agent = Silo.Grains.GetGrain<IAgentGrain>(id);
        await agent.Configure(new AgentProfile(id, ["sales"], 2));
        await agent.StartSession();
        await agent.SetState(AgentState.Ready, null);
        // A call behind the agent's one-way announcement to the queue.
        await queue.GetView();
        return agent;
    }
}
