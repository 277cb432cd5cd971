using System.Text.Json;
using Contact.Grains.Interfaces;
using Contact.Grains.Timing;
using Contact.Storage;
using Contact.Storage.Services;
using Microsoft.Extensions.DependencyInjection;

namespace Contact.Grains.Agents;

/// <summary>
/// The agent state machine. Every change is written with its journal entry (history row and
/// live event) in one transaction before the call returns. A time-limited wrap-up ends at its
/// deadline, which is stored before the state that needs it is written, so a crash in between
/// leaves at worst a deadline that finds nothing to do.
/// <para>
/// A silo holds an activation for every agent at work, so each field counts once per agent: the
/// services needed only to configure the agent or to check a Not Ready reason
/// (<see cref="ServiceMembers"/>, <see cref="AgentOptions"/>) are looked up then, not held.
/// </para>
/// </summary>
[GrainType("agent")]
public sealed class AgentGrain(
    [PersistentState("agent", ContactGrainStorage.Name)] IPersistentState<AgentRecord> state,
    [Journal] IGrainJournal journal,
    TimeProvider time) : Grain, IAgentGrain, IRemindable, IJournaledGrain
{
    IGrainJournal IJournaledGrain.Journal => journal;

    public const string StateEvent = "agent.state";
    public const string PendingEvent = "agent.pending";
    public const string PlacedEvent = "call.placed";
    private const string WrapUpDeadline = "wrap-up";

    // What the queues of the agent's services last heard from this activation.
    private AgentAvailability? announced;
    private Deadlines? deadlines;

    private AgentRecord Agent => state.State;
    private string AgentId => this.GetPrimaryKeyString();
    private Deadlines WrapUp => deadlines ??= new Deadlines(this, time, WrapUpDueAsync);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        AdoptStoredRecord();
        return Task.CompletedTask;
    }

    private void AdoptStoredRecord()
    {
        // The array is the one just read from storage, this activation's own.
        ServiceIds.Share(Agent.Services);
        if (Agent.State == AgentState.AfterCallWork && Agent.WrapUpUntil is { } until) WrapUp.Arm(WrapUpDeadline, until);
    }

    public async Task<bool> Configure(AgentProfile profile)
    {
        var created = !Agent.Configured;
        if (created && string.IsNullOrWhiteSpace(profile.Name)) throw AgentErrors.NameRequired();
        Agent.Configured = true;
        Agent.Name = profile.Name ?? Agent.Name;
        if (profile.Services is { } services && !services.SequenceEqual(Agent.Services))
        {
            // Membership first: a crash before the agent's own write leaves a queue that asks an
            // agent who refuses its offers, never an agent that its queue forgets.
            await ServiceProvider.GetRequiredService<ServiceMembers>().SetServicesAsync(AgentId, services);
            Agent.Services = ServiceIds.Share([.. services]);
        }
        Agent.MaxChats = profile.MaxChats ?? (created ? 1 : Agent.MaxChats);
        if (created) Agent.Since = time.GetUtcNow();
        await state.WriteStateAsync();
        foreach (var service in Agent.Services) await GrainFactory.GetGrain<IServiceQueueGrain>(service).AddMember(AgentId);
        return created;
    }

    public Task<AgentView> GetView()
    {
        EnsureExists();
        return Task.FromResult(View());
    }

    public async Task<AgentView> StartSession()
    {
        EnsureExists();
        if (Agent.State != AgentState.LoggedOut) throw AgentErrors.IllegalTransition(Agent.State, "StartSession");
        MoveTo(AgentState.NotReady, null);
        return await SaveAsync();
    }

    public async Task<AgentView> EndSession()
    {
        EnsureExists();
        if (Agent.State == AgentState.LoggedOut) throw AgentErrors.IllegalTransition(Agent.State, "EndSession");
        if (Agent.Interactions.Length > 0) throw AgentErrors.HasInteractions(Agent.State, Agent.Interactions.Length);
        var limitedWrapUp = Agent.WrapUpUntil is not null;
        ClearPending();
        MoveTo(AgentState.LoggedOut, null);
        var view = await SaveAsync();
        if (limitedWrapUp) await WrapUp.ClearAsync(WrapUpDeadline);
        return view;
    }

    public async Task<AgentView> SetState(AgentState requested, string? reason)
    {
        EnsureExists();
        if (requested is not (AgentState.Ready or AgentState.NotReady)) throw AgentErrors.StateNotSettable(requested);
        var chosenReason = requested == AgentState.NotReady ? CheckReason(reason) : null;
        switch (Agent.State)
        {
            case AgentState.LoggedOut:
                throw AgentErrors.IllegalTransition(Agent.State, requested.ToString());
            case AgentState.Busy:
                return await SetPendingAsync(requested == AgentState.NotReady ? AgentState.NotReady : null, chosenReason);
            case AgentState.AfterCallWork:
                var limitedWrapUp = Agent.WrapUpUntil is not null;
                ClearPending();
                MoveTo(requested, chosenReason);
                var view = await SaveAsync();
                if (limitedWrapUp) await WrapUp.ClearAsync(WrapUpDeadline);
                return view;
            default:
                if (Agent.State == requested && Agent.Reason == chosenReason) return View();
                MoveTo(requested, chosenReason);
                return await SaveAsync();
        }
    }

    public async Task<AgentView> Offer(InteractionOffer offer)
    {
        EnsureExists();
        if (Agent.Interactions.Any(i => i.Id == offer.Id)) return View();
        if (!CanTake(offer)) throw AgentErrors.NotAvailable(Agent.State);
        Agent.Interactions = [.. Agent.Interactions, new InteractionView(offer.Id, offer.Kind, InteractionState.Offered, offer.ServiceId)];
        if (Agent.State == AgentState.Ready) MoveTo(AgentState.Busy, null);
        journal.Append($"{offer.Kind}.offered",
            new InteractionOffered(AgentId, offer.Id, offer.Kind, offer.ServiceId, offer.Details));
        return await SaveAsync();
    }

    public async Task<AgentView> Accept(string interactionId)
    {
        var interaction = await FindInteractionAsync(interactionId);
        if (interaction.State == InteractionState.Active) return View();
        Agent.Interactions[Array.IndexOf(Agent.Interactions, interaction)] = interaction with { State = InteractionState.Active };
        return await SaveAsync();
    }

    public async Task<AgentView> Revoke(string interactionId)
    {
        EnsureExists();
        var interaction = Agent.Interactions.FirstOrDefault(i => i.Id == interactionId);
        if (interaction is null) return View();
        Agent.Interactions = Without(Agent.Interactions, interaction);
        journal.Append($"{interaction.Kind}.revoked", new InteractionRevoked(AgentId, interactionId, interaction.Kind, "Withdrawn"));
        if (Agent.Interactions.Length == 0 && Agent.State == AgentState.Busy) LeaveWork();
        return await SaveAsync();
    }

    public Task<AgentView> Reject(string interactionId) => DeclineAsync(interactionId, SystemReasons.Rejected);

    public Task<AgentView> OfferTimedOut(string interactionId) => DeclineAsync(interactionId, SystemReasons.NoAnswer);

    public async Task<AgentView> PlaceCall(string callId, string serviceId)
    {
        EnsureExists();
        if (Agent.Interactions.Any(i => i.Id == callId)) return View();
        if (Agent.State == AgentState.LoggedOut) throw AgentErrors.IllegalTransition(Agent.State, "PlaceCall");
        if (Agent.Interactions.Length > 0 && !CanTakeCallBeside()) throw AgentErrors.NotAvailable(Agent.State);
        Agent.Interactions = [.. Agent.Interactions, new InteractionView(callId, InteractionKinds.Call, InteractionState.Active, serviceId)];
        journal.Append(PlacedEvent, new InteractionOffered(AgentId, callId, InteractionKinds.Call, serviceId, null));
        if (Agent.State != AgentState.Busy)
        {
            // A call placed while Not Ready leaves the agent Not Ready again when it is over.
            if (Agent.State == AgentState.NotReady)
            {
                Agent.PendingState = AgentState.NotReady;
                Agent.PendingReason = Agent.Reason;
            }
            MoveTo(AgentState.Busy, null);
        }
        return await SaveAsync();
    }

    public Task<AgentView> PhoneNotAnswered(string interactionId) => DeclineAsync(interactionId, SystemReasons.NoAnswer, accepted: true);

    public async Task<AgentView> EndInteraction(string interactionId, int? wrapUpSeconds)
    {
        var interaction = await FindInteractionAsync(interactionId);
        Agent.Interactions = Without(Agent.Interactions, interaction);
        journal.Append($"{interaction.Kind}.ended", new InteractionEnded(AgentId, interactionId, interaction.Kind));
        if (Agent.Interactions.Length == 0)
        {
            if (wrapUpSeconds is null)
            {
                LeaveWork();
            }
            else
            {
                Agent.WrapUpUntil = null;
                if (wrapUpSeconds > 0)
                {
                    // The end is fixed first and the deadline set for it: a deadline that fired before
                    // WrapUpUntil would find the wrap-up not over yet.
                    var until = time.GetUtcNow() + TimeSpan.FromSeconds(wrapUpSeconds.Value);
                    await WrapUp.SetAsync(WrapUpDeadline, until);
                    Agent.WrapUpUntil = until;
                }
                MoveTo(AgentState.AfterCallWork, null);
            }
        }
        return await SaveAsync();
    }

    public async Task<AgentHistoryEntry[]> GetHistory(long afterSeq, int limit)
    {
        EnsureExists();
        var history = new List<AgentHistoryEntry>();
        while (history.Count < limit)
        {
            var page = await journal.ReadAsync(afterSeq, limit);
            if (page.Length == 0) break;
            foreach (var entry in page.Where(e => e.Kind == StateEvent).Take(limit - history.Count))
            {
                history.Add(new AgentHistoryEntry(entry.Sequence,
                    JsonSerializer.Deserialize<AgentStateChange>(entry.Payload, GrainJson.Options)!));
            }
            afterSeq = page[^1].Sequence;
        }
        return [.. history];
    }

    public Task<JournalEntry[]> GetEvents(long afterSeq, int limit)
    {
        EnsureExists();
        return journal.ReadAsync(afterSeq, limit);
    }

    public Task<long> GetLastEventId()
    {
        EnsureExists();
        return Task.FromResult(journal.LastSequence);
    }

    public async Task PostEvent(string kind, string payloadJson)
    {
        EnsureExists();
        journal.AppendJson(kind, payloadJson);
        await journal.WriteAsync();
    }

    public Task<AgentAvailability> GetAvailability()
    {
        EnsureExists();
        return Task.FromResult(Availability());
    }

    public async Task<AgentAvailability> JoinCampaign(string campaignId)
    {
        EnsureExists();
        if (!Agent.Campaigns.Contains(campaignId))
        {
            Agent.Campaigns = [.. Agent.Campaigns, campaignId];
            await state.WriteStateAsync();
        }
        return Availability();
    }

    public async Task LeaveCampaign(string campaignId)
    {
        EnsureExists();
        if (!Agent.Campaigns.Contains(campaignId)) return;
        Agent.Campaigns = Without(Agent.Campaigns, campaignId);
        await state.WriteStateAsync();
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) => WrapUp.FireAsync(reminderName);

    /// <summary>The wrap-up deadline came: the agent leaves After Call Work, unless it already did.</summary>
    private async Task WrapUpDueAsync(string deadline)
    {
        if (Agent.State == AgentState.AfterCallWork && Agent.WrapUpUntil is { } until)
        {
            if (until > time.GetUtcNow())
            {
                WrapUp.Arm(deadline, until);
                return;
            }
            LeaveWork();
            await SaveAsync();
        }
        await WrapUp.ClearAsync(deadline);
    }

    /// <param name="accepted">The agent accepted it, but could not be reached (its phone did not answer).</param>
    private async Task<AgentView> DeclineAsync(string interactionId, string reason, bool accepted = false)
    {
        var expected = accepted ? InteractionState.Active : InteractionState.Offered;
        var interaction = await FindInteractionAsync(interactionId, expected);
        if (interaction.State != expected) throw AgentErrors.InteractionNotOffered(interactionId);
        Agent.Interactions = Without(Agent.Interactions, interaction);
        if (reason == SystemReasons.Rejected) Agent.RejectedCount++;
        else Agent.NoAnswerCount++;
        journal.Append($"{interaction.Kind}.revoked", new InteractionRevoked(AgentId, interactionId, interaction.Kind, reason));
        if (Agent.Interactions.Length == 0)
        {
            ClearPending();
            MoveTo(AgentState.NotReady, reason);
        }
        else
        {
            Agent.PendingState = AgentState.NotReady;
            Agent.PendingReason = reason;
            journal.Append(PendingEvent, Change(Agent.State, Agent.State, Agent.Reason));
        }
        return await SaveAsync();
    }

    private async Task<AgentView> SetPendingAsync(AgentState? pending, string? reason)
    {
        if (Agent.PendingState == pending && Agent.PendingReason == reason) return View();
        Agent.PendingState = pending;
        Agent.PendingReason = reason;
        journal.Append(PendingEvent, Change(Agent.State, Agent.State, Agent.Reason));
        return await SaveAsync();
    }

    private bool CanTake(InteractionOffer offer) => (offer.ServiceId is null || Agent.Services.Contains(offer.ServiceId)) && Agent.State switch
    {
        AgentState.Ready => true,
        AgentState.Busy => offer.Kind switch
        {
            InteractionKinds.Chat => FreeChatSlots() > 0,
            InteractionKinds.Call => CanTakeCallBeside(),
            _ => false,
        },
        _ => false,
    };

    /// <summary>
    /// While Busy, with nothing pending: more chats while a chat slot is free, beside one call too.
    /// A preview record has the desktop to itself.
    /// </summary>
    private int FreeChatSlots() => Agent.PendingState is null && Agent.Interactions.All(i => i.Kind is InteractionKinds.Chat or InteractionKinds.Call)
        ? Math.Max(0, Agent.MaxChats - Agent.Interactions.Count(i => i.Kind == InteractionKinds.Chat))
        : 0;

    /// <summary>While Busy with chats only, nothing pending: one call may come beside them.</summary>
    private bool CanTakeCallBeside() => Agent.PendingState is null && Agent.Interactions.All(i => i.Kind == InteractionKinds.Chat);

    /// <summary>The last interaction is over (or wrap-up ended): Ready, or the state that was pending.</summary>
    private void LeaveWork()
    {
        var next = Agent.PendingState ?? AgentState.Ready;
        var reason = Agent.PendingState is null ? null : Agent.PendingReason;
        ClearPending();
        MoveTo(next, reason);
    }

    private void MoveTo(AgentState next, string? reason)
    {
        var from = Agent.State;
        Agent.State = next;
        Agent.Reason = reason;
        Agent.Since = time.GetUtcNow();
        if (next != AgentState.AfterCallWork) Agent.WrapUpUntil = null;
        journal.Append(StateEvent, Change(from, next, reason));
    }

    private AgentStateChange Change(AgentState from, AgentState to, string? reason) =>
        new(AgentId, from, to, reason, time.GetUtcNow(), Agent.PendingState, Agent.PendingReason);

    private void ClearPending()
    {
        Agent.PendingState = null;
        Agent.PendingReason = null;
    }

    private string? CheckReason(string? reason)
    {
        if (string.IsNullOrWhiteSpace(reason)) return null;
        var options = ServiceProvider.GetRequiredService<AgentOptions>();
        return options.NotReadyReasons.FirstOrDefault(r => string.Equals(r, reason.Trim(), StringComparison.OrdinalIgnoreCase))
               ?? throw AgentErrors.UnknownReason(reason, options.NotReadyReasons);
    }

    /// <summary>
    /// The interaction (in state <paramref name="only"/>, when the request can act on no other).
    /// When this copy does not hold it so, the row is read again first: for a moment after a silo's death an agent can
    /// have two activations (Orleans' grain directory is eventually consistent), and the other may
    /// have stored the offer this request is about. A stale copy's writes fail their version
    /// check, but its refusals would not, so a refusal is given on the stored row.
    /// </summary>
    private async Task<InteractionView> FindInteractionAsync(string interactionId, InteractionState? only = null)
    {
        if (Agent.Interactions.FirstOrDefault(i => i.Id == interactionId) is { } held && (only is null || held.State == only)) return held;
        var seen = state.Etag;
        await state.ReadStateAsync();
        if (state.Etag != seen) AdoptStoredRecord();
        EnsureExists();
        return Agent.Interactions.FirstOrDefault(i => i.Id == interactionId) ?? throw AgentErrors.InteractionNotFound(interactionId);
    }

    /// <summary>The items but the first that equals <paramref name="item"/>, which is there.</summary>
    private static T[] Without<T>(T[] items, T item)
    {
        var index = Array.IndexOf(items, item);
        return [.. items.AsSpan(0, index), .. items.AsSpan(index + 1)];
    }

    private void EnsureExists()
    {
        if (!Agent.Configured) throw AgentErrors.NotFound(AgentId);
    }

    private async Task<AgentView> SaveAsync()
    {
        await state.WriteStateAsync();
        await AnnounceAsync();
        return View();
    }

    /// <summary>Tells the agent's queues and campaigns when what it can take has changed (one-way: they may be calling us).</summary>
    private async Task AnnounceAsync()
    {
        var now = Availability();
        if (now == announced) return;
        announced = now;
        foreach (var service in Agent.Services) await GrainFactory.GetGrain<IServiceQueueGrain>(service).AgentAvailable(now);
        foreach (var campaign in Agent.Campaigns) await GrainFactory.GetGrain<ICampaignGrain>(campaign).AgentAvailable(now);
    }

    private AgentAvailability Availability()
    {
        var ready = Agent.State == AgentState.Ready;
        var free = ready ? Agent.MaxChats : Agent.State == AgentState.Busy ? FreeChatSlots() : 0;
        var call = ready || (Agent.State == AgentState.Busy && CanTakeCallBeside());
        return new AgentAvailability(AgentId, free, Agent.Since, ready, call);
    }

    private AgentView View() => new(AgentId, Agent.Name, Agent.State, Agent.Reason, Agent.Since, Agent.PendingState,
        Agent.PendingReason, [.. Agent.Interactions], [.. Agent.Services], Agent.MaxChats, Agent.RejectedCount, Agent.NoAnswerCount);
}
