using System.Text.Json;
using Contact.Grains.Agents;
using Contact.Grains.Interfaces;
using Contact.Storage;
using Contact.Tests.Support;

namespace Contact.Tests.Agents;

public sealed class AgentGrainTests : SiloTest
{
    private IAgentGrain agent = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        agent = Silo.Grains.GetGrain<IAgentGrain>("ann");
        await agent.Configure(new AgentProfile("Ann", ["sales"], 2));
    }

    [Fact]
    public async Task A_new_agent_is_logged_out_and_the_session_makes_it_not_ready()
    {
        Assert.Equal(AgentState.LoggedOut, (await agent.GetView()).State);

        var view = await agent.StartSession();

        Assert.Equal(AgentState.NotReady, view.State);
        Assert.Equal(Silo.Time.GetUtcNow(), view.Since);
    }

    [Fact]
    public async Task Ready_and_not_ready_with_a_reason_switch_at_once()
    {
        await agent.StartSession();
        Assert.Equal(AgentState.Ready, (await agent.SetState(AgentState.Ready, null)).State);

        var view = await agent.SetState(AgentState.NotReady, "lunch");

        Assert.Equal((AgentState.NotReady, "Lunch"), (view.State, view.Reason));
    }

    [Fact]
    public async Task Unknown_and_system_reasons_are_refused()
    {
        await agent.StartSession();

        var unknown = await Assert.ThrowsAsync<ContactException>(() => agent.SetState(AgentState.NotReady, "Nap"));
        var system = await Assert.ThrowsAsync<ContactException>(() => agent.SetState(AgentState.NotReady, SystemReasons.NoAnswer));

        Assert.Equal(("unknown-reason", "unknown-reason"), (unknown.Code, system.Code));
        Assert.Null((await agent.GetView()).Reason);
    }

    [Fact]
    public async Task Moves_from_logged_out_are_illegal_and_say_what_is_allowed()
    {
        var error = await Assert.ThrowsAsync<ContactException>(() => agent.SetState(AgentState.Ready, null));

        Assert.Equal("illegal-transition", error.Code);
        Assert.Equal("LoggedOut", error.Details["currentState"]);
        Assert.Equal(["StartSession"], (IReadOnlyList<string>)error.Details["allowed"]!);
    }

    [Fact]
    public async Task Busy_keeps_not_ready_pending_until_the_last_interaction_ends()
    {
        await ReadyAsync();
        await agent.Offer(new InteractionOffer("chat-1", "chat", "sales"));
        await agent.Accept("chat-1");

        var pending = await agent.SetState(AgentState.NotReady, "Break");
        Assert.Equal((AgentState.Busy, AgentState.NotReady, "Break"), (pending.State, pending.PendingState, pending.PendingReason));

        var after = await agent.EndInteraction("chat-1", null);
        Assert.Equal((AgentState.NotReady, "Break", (AgentState?)null), (after.State, after.Reason, after.PendingState));
    }

    [Fact]
    public async Task Ready_while_busy_clears_a_pending_not_ready()
    {
        await ReadyAsync();
        await agent.Offer(new InteractionOffer("chat-1", "chat", "sales"));
        await agent.SetState(AgentState.NotReady, "Break");

        Assert.Null((await agent.SetState(AgentState.Ready, null)).PendingState);
        Assert.Equal(AgentState.Ready, (await agent.EndInteraction("chat-1", null)).State);
    }

    [Fact]
    public async Task An_offer_needs_a_ready_agent_or_a_free_chat_slot()
    {
        await agent.StartSession();
        var refused = await Assert.ThrowsAsync<ContactException>(() => agent.Offer(new InteractionOffer("chat-1", "chat", "sales")));
        Assert.Equal("agent-not-available", refused.Code);

        await agent.SetState(AgentState.Ready, null);
        await agent.Offer(new InteractionOffer("chat-1", "chat", "sales"));
        var second = await agent.Offer(new InteractionOffer("chat-2", "chat", "sales"));
        Assert.Equal(2, second.Interactions.Length);
        var full = await Assert.ThrowsAsync<ContactException>(() => agent.Offer(new InteractionOffer("chat-3", "chat", "sales")));
        Assert.Equal("agent-not-available", full.Code);
    }

    [Fact]
    public async Task One_call_at_a_time_with_chats_beside_it_up_to_max_chats()
    {
        await ReadyAsync();
        var onCall = await agent.Offer(new InteractionOffer("call-1", InteractionKinds.Call, "sales"));
        Assert.Equal(AgentState.Busy, onCall.State);
        Assert.False((await agent.GetAvailability()).FreeForCall);
        var second = await Assert.ThrowsAsync<ContactException>(() => agent.Offer(new InteractionOffer("call-2", InteractionKinds.Call, "sales")));
        Assert.Equal("agent-not-available", second.Code);

        // The call does not take a chat slot: two chats still fit beside it, a third does not.
        Assert.Equal(2, (await agent.GetAvailability()).FreeChatSlots);
        await agent.Offer(new InteractionOffer("chat-1", InteractionKinds.Chat, "sales"));
        await agent.Offer(new InteractionOffer("chat-2", InteractionKinds.Chat, "sales"));
        var full = await Assert.ThrowsAsync<ContactException>(() => agent.Offer(new InteractionOffer("chat-3", InteractionKinds.Chat, "sales")));
        Assert.Equal("agent-not-available", full.Code);

        // The call's end leaves the chats; the last one's end brings the service's wrap-up.
        Assert.Equal(AgentState.Busy, (await agent.EndInteraction("call-1", 30)).State);
        Assert.True((await agent.GetAvailability()).FreeForCall);
        await agent.EndInteraction("chat-1", 30);
        Assert.Equal(AgentState.AfterCallWork, (await agent.EndInteraction("chat-2", 30)).State);
        Assert.False((await agent.GetAvailability()).FreeForCall);
    }

    [Fact]
    public async Task A_call_comes_beside_chats_but_not_beside_a_preview_or_a_pending_state()
    {
        await ReadyAsync();
        Assert.True((await agent.GetAvailability()).FreeForCall);
        await agent.Offer(new InteractionOffer("chat-1", InteractionKinds.Chat, "sales"));
        Assert.Equal(2, (await agent.Offer(new InteractionOffer("call-1", InteractionKinds.Call, "sales"))).Interactions.Length);
        await agent.EndInteraction("call-1", null);
        await agent.SetState(AgentState.NotReady, "Lunch");
        Assert.False((await agent.GetAvailability()).FreeForCall);
        var pending = await Assert.ThrowsAsync<ContactException>(() => agent.Offer(new InteractionOffer("call-2", InteractionKinds.Call, "sales")));
        Assert.Equal("agent-not-available", pending.Code);
        await agent.EndInteraction("chat-1", null);

        await agent.SetState(AgentState.Ready, null);
        await agent.Offer(new InteractionOffer("record-1", InteractionKinds.Preview, null));
        var besidePreview = await Assert.ThrowsAsync<ContactException>(() => agent.Offer(new InteractionOffer("call-3", InteractionKinds.Call, "sales")));
        Assert.Equal("agent-not-available", besidePreview.Code);
        Assert.Equal((0, false), ((await agent.GetAvailability()).FreeChatSlots, (await agent.GetAvailability()).FreeForCall));
    }

    [Fact]
    public async Task Rejecting_or_not_answering_makes_the_agent_not_ready_and_is_counted()
    {
        await ReadyAsync();
        await agent.Offer(new InteractionOffer("chat-1", "chat", "sales"));
        var rejected = await agent.Reject("chat-1");
        Assert.Equal((AgentState.NotReady, SystemReasons.Rejected, 1), (rejected.State, rejected.Reason, rejected.RejectedCount));

        await agent.SetState(AgentState.Ready, null);
        await agent.Offer(new InteractionOffer("chat-2", "chat", "sales"));
        var missed = await agent.OfferTimedOut("chat-2");
        Assert.Equal((AgentState.NotReady, SystemReasons.NoAnswer, 1), (missed.State, missed.Reason, missed.NoAnswerCount));
    }

    [Fact]
    public async Task An_accepted_interaction_cannot_be_rejected_and_unknown_ones_are_not_found()
    {
        await ReadyAsync();
        await agent.Offer(new InteractionOffer("chat-1", "chat", "sales"));
        await agent.Accept("chat-1");

        Assert.Equal("interaction-not-offered", (await Assert.ThrowsAsync<ContactException>(() => agent.Reject("chat-1"))).Code);
        Assert.Equal("interaction-not-found", (await Assert.ThrowsAsync<ContactException>(() => agent.Accept("nope"))).Code);
        Assert.Equal(AgentState.Busy, (await agent.GetView()).State);
    }

    [Fact]
    public async Task Wrap_up_with_a_limit_ends_by_itself_at_its_deadline()
    {
        await ReadyAsync();
        await agent.Offer(new InteractionOffer("chat-1", "chat", "sales"));
        Assert.Equal(AgentState.AfterCallWork, (await agent.EndInteraction("chat-1", 30)).State);

        Silo.Time.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal(AgentState.AfterCallWork, (await agent.GetView()).State);
        Silo.Time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(AgentState.Ready, await StateAsync(AgentState.Ready));
        Assert.Empty((await Silo.Get<IReminderTable>().ReadRows(agent.GetGrainId())).Reminders);
    }

    [Fact]
    public async Task A_wrap_up_whose_activation_is_gone_ends_through_its_reminder()
    {
        await ReadyAsync();
        await agent.Offer(new InteractionOffer("chat-1", "chat", "sales"));
        await agent.EndInteraction("chat-1", 2);

        // A new silo on the same database: the first one's timer is gone with it, the reminder is
        // stored. Reminders run on the real clock here (see GrainClock), so it comes in 2.5 s.
        // Nothing calls the agent: only the reminder can bring it back, and what it did is read
        // from its journal in the database.
        await RestartAsync();
        Silo.Time.Advance(TimeSpan.FromSeconds(3));
        var ann = new GrainKey("agent", "ann");
        var journal = await Eventually.Until(() => Silo.Storage.ReadJournalAsync(ann, 0, 100), entries => entries.Any(EndsWrapUp));

        Assert.Single(journal, EndsWrapUp);
        Assert.Empty((await Eventually.Until(() => Silo.Get<IReminderTable>().ReadRows(agent.GetGrainId()), rows => rows.Reminders.Count == 0)).Reminders);
        // The activation's timer (armed from the stored deadline) and the reminder both came: it ended once.
        Assert.Equal(AgentState.Ready, (await Silo.Grains.GetGrain<IAgentGrain>("ann").GetView()).State);
        Assert.Single(await Silo.Storage.ReadJournalAsync(ann, 0, 100), EndsWrapUp);

        static bool EndsWrapUp(JournalEntry entry) => entry.Payload.Contains("\"from\":\"AfterCallWork\",\"to\":\"Ready\"", StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wrap_up_ends_into_the_pending_state_and_without_a_limit_waits_for_the_agent()
    {
        await ReadyAsync();
        await agent.Offer(new InteractionOffer("chat-1", "chat", "sales"));
        await agent.SetState(AgentState.NotReady, "Meeting");
        await agent.EndInteraction("chat-1", 10);
        Silo.Time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(AgentState.NotReady, await StateAsync(AgentState.NotReady));
        Assert.Equal("Meeting", (await agent.GetView()).Reason);

        await agent.SetState(AgentState.Ready, null);
        await agent.Offer(new InteractionOffer("chat-2", "chat", "sales"));
        await agent.EndInteraction("chat-2", 0);
        Silo.Time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(AgentState.AfterCallWork, (await agent.GetView()).State);
        Assert.Equal(AgentState.Ready, (await agent.SetState(AgentState.Ready, null)).State);
    }

    [Fact]
    public async Task Ending_wrap_up_early_cancels_its_deadline()
    {
        await ReadyAsync();
        await agent.Offer(new InteractionOffer("chat-1", "chat", "sales"));
        await agent.EndInteraction("chat-1", 60);
        Assert.Single((await Silo.Get<IReminderTable>().ReadRows(agent.GetGrainId())).Reminders);

        await agent.SetState(AgentState.NotReady, "Break");

        Assert.Empty((await Silo.Get<IReminderTable>().ReadRows(agent.GetGrainId())).Reminders);
        Silo.Time.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(AgentState.NotReady, (await agent.GetView()).State);
    }

    [Fact]
    public async Task The_session_cannot_end_with_interactions_open()
    {
        await ReadyAsync();
        await agent.Offer(new InteractionOffer("chat-1", "chat", "sales"));

        var error = await Assert.ThrowsAsync<ContactException>(() => agent.EndSession());

        Assert.Equal("agent-has-interactions", error.Code);
        await agent.EndInteraction("chat-1", null);
        Assert.Equal(AgentState.LoggedOut, (await agent.EndSession()).State);
    }

    [Fact]
    public async Task Every_state_change_is_a_history_row_that_survives_a_restart()
    {
        await ReadyAsync();
        await agent.SetState(AgentState.NotReady, "Break");
        await agent.SetState(AgentState.NotReady, "Break");
        await agent.EndSession();

        await RestartAsync();
        var history = await Silo.Grains.GetGrain<IAgentGrain>("ann").GetHistory(0, 100);

        Assert.Equal(
            [(AgentState.LoggedOut, AgentState.NotReady, null), (AgentState.NotReady, AgentState.Ready, null),
             (AgentState.Ready, AgentState.NotReady, "Break"), (AgentState.NotReady, AgentState.LoggedOut, (string?)null)],
            history.Select(h => (h.Change.From, h.Change.To, h.Change.Reason)));
    }

    [Fact]
    public async Task An_agent_that_was_never_configured_is_not_found()
    {
        var error = await Assert.ThrowsAsync<ContactException>(() => Silo.Grains.GetGrain<IAgentGrain>("ghost").StartSession());

        Assert.Equal(("agent-not-found", ErrorKind.NotFound), (error.Code, error.Kind));
        Assert.Null(await Silo.Storage.ReadStateAsync(new GrainKey("agent", "ghost"), "agent"));
    }

    private Task<AgentState> StateAsync(AgentState expected) =>
        Eventually.Until(async () => (await agent.GetView()).State, state => state == expected);

    private async Task ReadyAsync()
    {
        await agent.StartSession();
        await agent.SetState(AgentState.Ready, null);
    }

    [Fact]
    public async Task An_offer_that_another_activation_stored_is_accepted_on_the_row_not_refused_on_this_copy()
    {
        await ReadyAsync();
        await StoreBehindTheActivationAsync(InteractionState.Offered);

        var view = await agent.Accept("chat-1");

        Assert.Equal((AgentState.Busy, InteractionState.Active), (view.State, Assert.Single(view.Interactions).State));
        Assert.Empty((await agent.EndInteraction("chat-1", null)).Interactions);
    }
    [Fact]
    public async Task An_accepted_interaction_that_another_activation_stored_is_given_up_when_the_phone_does_not_answer()
    {
        await ReadyAsync();
        await StoreBehindTheActivationAsync(InteractionState.Active);

        var view = await agent.PhoneNotAnswered("chat-1");

        Assert.Equal((AgentState.NotReady, SystemReasons.NoAnswer), (view.State, view.Reason));
        Assert.Empty(view.Interactions);
    }

    /// <summary>
    /// What a second activation of the agent (for a moment after a silo's death) stores behind this
    /// one's back: chat-1 in the given state, the agent Busy, the row's version one on.
    /// </summary>
    private async Task StoreBehindTheActivationAsync(InteractionState chatState)
    {
        var key = new GrainKey("agent", "ann");
        var stored = (await Silo.Storage.ReadStateAsync(key, "agent"))!;
        var record = JsonSerializer.Deserialize<AgentRecord>(stored.Payload, GrainJson.Options)!;
        record.State = AgentState.Busy;
        record.Interactions = [new InteractionView("chat-1", InteractionKinds.Chat, chatState, "sales")];
        await Silo.Storage.WriteStateAsync(new StateWrite(key, "agent", JsonSerializer.Serialize(record, GrainJson.Options), stored.Version, []));
    }
}
