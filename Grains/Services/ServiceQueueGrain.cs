using Contact.Grains.Agents;
using Contact.Grains.Interfaces;
using Contact.Grains.Timing;
using Contact.Storage;
using Contact.Storage.Services;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;

namespace Contact.Grains.Services;

/// <summary>
/// A service's queue. Waiting chats and calls and open offers are stored; which agents can take
/// one is held in memory, told by the agents (one-way) and asked from every member (the agents
/// that have the service, in <see cref="ServiceMembers"/>) when the queue starts. A chat goes to
/// the agent idle longest with a free chat slot; a call to the Ready agent idle longest, else to
/// the one idle longest among those busy with chats only (a caller should not wait while someone
/// could talk). An offer not answered within the service's offer timeout is taken back (the agent
/// becomes NotReady, NoAnswer) and offered to the next agent. Each offer's timeout is a timer;
/// while any offer is open, one reminder of the queue's (<see cref="OffersBackstop"/>) brings the
/// queue back after its silo is gone, and the new activation takes back what is due and arms a
/// timer for every other stored offer. One reminder for all offers, not one each: a reminder is a
/// stored row, and writing and deleting one per offer halved the calls a queue could route
/// (bench/call-storm.sh, 2026-12-07).
/// <para>
/// The queue is reentrant: every chat and call of the service passes through it, and when each
/// request waited for the last one's durable writes (its own, and the agent's inside an offer),
/// a service routed one step per commit and a storm of 200 chats or calls a second on PostgreSQL
/// never caught up. So requests interleave at their awaits. Each change is made between two
/// awaits; an offer marks its entry and its agent as taken before it asks the agent, so that no
/// other request offers either meanwhile; after an await a step goes on only if its entry is still
/// as it left it. Orleans queues the writes of interleaved requests one behind another, and every
/// write asked for before the queued one sets out joins it, so a burst shares one commit.
/// </para>
/// </summary>
[Reentrant]
[GrainType("service")]
public sealed class ServiceQueueGrain(
    [PersistentState("queue", ContactGrainStorage.Name)] IPersistentState<ServiceQueueRecord> state,
    ServiceMembers members,
    TimeProvider time,
    ILogger<ServiceQueueGrain> logger) : Grain, IServiceQueueGrain, IRemindable
{
    private const string OfferDeadline = "offer:";
    private const string OffersBackstop = "offers";

    private readonly Dictionary<string, AgentAvailability> available = [];
    // Two changes of the settings would interleave their claims of numbers; they go one at a time.
    private readonly SemaphoreSlim configuring = new(1, 1);
    private Deadlines? deadlines;
    private bool backstopStored;
    private Task backstopKept = Task.CompletedTask;

    private ServiceQueueRecord Queue => state.State;
    private string ServiceId => this.GetPrimaryKeyString();
    private Deadlines OfferTimeouts => deadlines ??= new Deadlines(this, time, OfferDueAsync);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        foreach (var availability in await GrainFactory.AskAllAsync(await members.OfAsync(ServiceId))) Track(availability);
        foreach (var entry in Queue.Entries.Where(e => e.OfferedAt is not null)) OfferTimeouts.Arm(OfferDeadline + entry.InteractionId, OfferEnds(entry));
        backstopStored = await this.GetReminder(OffersBackstop) is not null;
    }

    /// <summary>
    /// The backstop woke the queue: offers due are taken back (the rest have their timers), and
    /// with no offer open the backstop goes. A reminder of one offer, as queues stored them before
    /// the backstop, is removed: its offer has its timer now.
    /// </summary>
    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != OffersBackstop && await this.GetReminder(reminderName) is { } perOffer) await this.UnregisterReminder(perOffer);
        foreach (var due in Queue.Entries.Where(e => e.OfferedAt is not null && OfferEnds(e) <= time.GetUtcNow()).ToList())
        {
            await OfferTimeouts.FireAsync(OfferDeadline + due.InteractionId);
        }
        if (!AnyOfferOpen) await KeepBackstopAsync();
    }

    public async Task<bool> Configure(ServiceConfig config)
    {
        await configuring.WaitAsync();
        try
        {
            return await ConfigureAsync(config);
        }
        finally
        {
            configuring.Release();
        }
    }

    private async Task<bool> ConfigureAsync(ServiceConfig config)
    {
        var created = !Queue.Configured;
        // A number is claimed before the service says it has it, and given up only after.
        var (oldSms, oldVoice) = (Queue.SmsNumber, Queue.VoiceNumber);
        await ClaimAsync(oldSms, config.SmsNumber, ServiceNumbers.Sms);
        await ClaimAsync(oldVoice, config.VoiceNumber, ServiceNumbers.Voice);
        Queue.Configured = true;
        Queue.Name = config.Name;
        Queue.Channels = [.. config.Channels];
        Queue.WrapUpSeconds = config.WrapUpSeconds;
        Queue.OfferTimeoutSeconds = config.OfferTimeoutSeconds;
        Queue.SmsNumber = config.SmsNumber;
        Queue.AcceptsCustomerSms = config.AcceptsCustomerSms;
        Queue.VoiceNumber = config.VoiceNumber;
        await state.WriteStateAsync();
        await ReleaseAsync(oldSms, config.SmsNumber, ServiceNumbers.Sms);
        await ReleaseAsync(oldVoice, config.VoiceNumber, ServiceNumbers.Voice);
        return created;
    }

    private Task ClaimAsync(string? old, string? wanted, Func<string, string> key) =>
        wanted is not null && wanted != old ? GrainFactory.GetGrain<IServiceNumberGrain>(key(wanted)).Claim(ServiceId) : Task.CompletedTask;

    private Task ReleaseAsync(string? old, string? wanted, Func<string, string> key) =>
        old is not null && old != wanted ? GrainFactory.GetGrain<IServiceNumberGrain>(key(old)).Release(ServiceId) : Task.CompletedTask;

    public Task<ServiceView> GetView()
    {
        EnsureExists();
        return Task.FromResult(Queue.View(ServiceId));
    }

    public Task<ServiceConfig> GetConfig()
    {
        EnsureExists();
        return Task.FromResult(Queue.Config());
    }

    public Task Enqueue(string chatId, Dictionary<string, string> details, bool front) =>
        EnqueueAsync(chatId, InteractionKinds.Chat, details, front);

    public Task EnqueueCall(string callId, Dictionary<string, string> details, bool front) =>
        EnqueueAsync(callId, InteractionKinds.Call, details, front);

    private async Task EnqueueAsync(string interactionId, string kind, Dictionary<string, string> details, bool front)
    {
        EnsureExists();
        if (!Queue.Entries.Any(e => e.InteractionId == interactionId))
        {
            var entry = new QueueEntry { InteractionId = interactionId, Kind = kind, Since = time.GetUtcNow(), Details = new(details) };
            if (front) Queue.Entries.Insert(0, entry);
            else Queue.Entries.Add(entry);
            await RouteAsync();
        }
        // Also when it was there already: the request that put it there may still be waiting for its write.
        await state.WriteStateAsync();
    }

    public async Task OfferTo(string interactionId, string kind, string agentId, Dictionary<string, string> details)
    {
        EnsureExists();
        var entry = new QueueEntry { InteractionId = interactionId, Kind = kind, Since = time.GetUtcNow(), Details = new(details) };
        await OfferAsync(entry, agentId);
        Queue.Entries.Insert(0, entry);
        await state.WriteStateAsync();
    }

    public async Task ClaimOffer(string chatId, string agentId)
    {
        var entry = OfferOf(chatId, agentId);
        Queue.Entries.Remove(entry);
        ClearOfferTimeout(chatId);
        await state.WriteStateAsync();
    }

    public async Task DeclineOffer(string chatId, string agentId)
    {
        var entry = OfferOf(chatId, agentId);
        await GrainFactory.GetGrain<IAgentGrain>(agentId).Reject(chatId);
        // Its timeout may have taken the offer back while the agent was told.
        if (!IsOfferedTo(entry, agentId)) return;
        OfferTimeouts.Disarm(OfferDeadline + chatId);
        TakeBack(entry, agentId);
        await RouteAsync();
        await state.WriteStateAsync();
    }

    public async Task Withdraw(string chatId)
    {
        var entry = Queue.Entries.FirstOrDefault(e => e.InteractionId == chatId);
        if (entry is not null)
        {
            Queue.Entries.Remove(entry);
            ClearOfferTimeout(chatId);
            if (entry.OfferedTo is { } agentId) await GrainFactory.GetGrain<IAgentGrain>(agentId).Revoke(chatId);
        }
        // Also when it was gone already: the request that took it out may still be waiting for its write.
        await state.WriteStateAsync();
    }

    public async Task AgentAvailable(AgentAvailability availability)
    {
        Track(availability);
        if (CanTakeAny(availability) && Queue.Entries.Any(e => e.OfferedTo is null) && await RouteAsync()) await state.WriteStateAsync();
    }

    public async Task AddMember(string agentId)
    {
        if (await GrainFactory.AskAsync(agentId) is { } availability) await AgentAvailable(availability);
    }

    /// <summary>
    /// Offers what waits, in queue order, while some agent can take it; true when anything was
    /// offered. Once nobody could take a chat (or a call), later ones of that kind wait too.
    /// </summary>
    private async Task<bool> RouteAsync()
    {
        var any = false;
        var nobodyFor = new HashSet<string>();
        foreach (var entry in Queue.Entries.Where(e => e.OfferedTo is null).ToList())
        {
            if (nobodyFor.Contains(entry.Kind)) continue;
            var offered = false;
            var tried = new HashSet<string>();
            // A request that interleaved at an await may have offered or withdrawn the entry meanwhile.
            while (!offered && Waits(entry) && NextAgentFor(entry, tried) is { } agentId)
            {
                tried.Add(agentId);
                try
                {
                    await OfferAsync(entry, agentId);
                    offered = any = true;
                }
                catch (ContactException refused) when (refused.Kind is ErrorKind.Conflict or ErrorKind.NotFound)
                {
                    // What the queue knew was stale; the agent's next announcement puts it right.
                    available.Remove(agentId);
                }
            }
            if (!offered && Waits(entry)) nobodyFor.Add(entry.Kind);
        }
        return any;
    }

    private bool Waits(QueueEntry entry) => entry.OfferedTo is null && Queue.Entries.Contains(entry);

    private bool IsOfferedTo(QueueEntry entry, string agentId) => entry.OfferedTo == agentId && Queue.Entries.Contains(entry);

    /// <summary>
    /// The agent idle longest who can take it (for a call, a Ready one first); those who already
    /// declined this one come last.
    /// </summary>
    private string? NextAgentFor(QueueEntry entry, ISet<string> tried)
    {
        var call = entry.Kind == InteractionKinds.Call;
        // One pass for the first, not a sort: a queue routes for every chat and call against all its agents.
        return available.Values
            .Where(a => (call ? a.FreeForCall : a.FreeChatSlots > 0) && !tried.Contains(a.AgentId))
            .MinBy(a => a, Comparer<AgentAvailability>.Create((a, b) => FirstFor(entry, call, a, b)))?.AgentId;
    }

    private static int FirstFor(QueueEntry entry, bool call, AgentAvailability a, AgentAvailability b)
    {
        var order = entry.Declined.Contains(a.AgentId).CompareTo(entry.Declined.Contains(b.AgentId));
        if (order == 0 && call) order = b.Ready.CompareTo(a.Ready);
        if (order == 0) order = a.IdleSince.CompareTo(b.IdleSince);
        return order != 0 ? order : string.CompareOrdinal(a.AgentId, b.AgentId);
    }

    /// <summary>
    /// Offers the entry to the agent. Both are marked taken before the agent is asked; when the
    /// agent refuses, the entry waits again (and the agent's availability is as it was, unless
    /// its announcement came meanwhile).
    /// </summary>
    private async Task OfferAsync(QueueEntry entry, string agentId)
    {
        var before = available.GetValueOrDefault(agentId);
        // Until the agent's own announcement arrives, count the slot as taken, and the agent as on a call.
        var taken = Offered(agentId, (before?.FreeChatSlots ?? 0) - (entry.Kind == InteractionKinds.Chat ? 1 : 0));
        available[agentId] = taken;
        entry.OfferedTo = agentId;
        entry.OfferedAt = time.GetUtcNow();
        AgentView view;
        try
        {
            view = await GrainFactory.GetGrain<IAgentGrain>(agentId).Offer(new InteractionOffer(entry.InteractionId, entry.Kind, ServiceId, entry.Details));
        }
        catch
        {
            entry.OfferedTo = null;
            entry.OfferedAt = null;
            if (ReferenceEquals(available.GetValueOrDefault(agentId), taken))
            {
                if (before is null) available.Remove(agentId);
                else available[agentId] = before;
            }
            throw;
        }
        // The agent announces itself in the turn of the offer; when that came first, it is newer than the view.
        if (ReferenceEquals(available.GetValueOrDefault(agentId), taken))
        {
            available[agentId] = Offered(agentId, view.MaxChats - view.Interactions.Count(i => i.Kind == InteractionKinds.Chat));
        }
        entry.OfferedAt = time.GetUtcNow();
        OfferTimeouts.Arm(OfferDeadline + entry.InteractionId, OfferEnds(entry));
        if (!backstopStored) await KeepBackstopAsync();
    }

    /// <summary>What the queue counts on for an agent it has just offered something: not Ready, no call, these chat slots free.</summary>
    private AgentAvailability Offered(string agentId, int freeChatSlots) =>
        new(agentId, Math.Max(0, freeChatSlots), time.GetUtcNow(), false, FreeForCall: false);

    private bool AnyOfferOpen => Queue.Entries.Any(e => e.OfferedAt is not null);

    /// <summary>
    /// Stores the backstop while an offer is open and removes it when none is, one reminder
    /// operation at a time: a removal and a registration that interleaved could reach the
    /// reminder table in either order. Each looks again when the one before it is done.
    /// </summary>
    private Task KeepBackstopAsync() => backstopKept = KeepBackstopAfterAsync(backstopKept);

    private async Task KeepBackstopAfterAsync(Task previous)
    {
        // A failure of the one before was its caller's to hear; this one tries again.
        await previous.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ContinueOnCapturedContext);
        while (AnyOfferOpen != backstopStored)
        {
            if (AnyOfferOpen)
            {
                var firstEnd = Queue.Entries.Where(e => e.OfferedAt is not null).Min(OfferEnds);
                await this.RegisterOrUpdateReminder(OffersBackstop, Deadlines.BackstopDue(firstEnd - time.GetUtcNow()), Deadlines.RetryPeriod);
                backstopStored = true;
            }
            else
            {
                if (await this.GetReminder(OffersBackstop) is { } backstop) await this.UnregisterReminder(backstop);
                backstopStored = false;
            }
        }
    }

    /// <summary>The offer ended without the chat being taken: back to the front, for someone else first.</summary>
    private void TakeBack(QueueEntry entry, string agentId)
    {
        available.Remove(agentId);
        entry.OfferedTo = null;
        entry.OfferedAt = null;
        entry.Declined.Add(agentId);
        Queue.Entries.Remove(entry);
        Queue.Entries.Insert(0, entry);
    }

    private DateTimeOffset OfferEnds(QueueEntry entry) => entry.OfferedAt!.Value + TimeSpan.FromSeconds(Queue.OfferTimeoutSeconds);

    /// <summary>
    /// An offer's timeout came: the agent becomes Not Ready (NoAnswer) and the chat goes to someone
    /// else. The offer is taken back before the agent is told, so that an accept interleaved
    /// meanwhile is refused here rather than leaving the chat with neither the queue nor the agent.
    /// </summary>
    private async Task OfferDueAsync(string deadline)
    {
        var chatId = deadline[OfferDeadline.Length..];
        var entry = Queue.Entries.FirstOrDefault(e => e.InteractionId == chatId && e.OfferedTo is not null);
        if (entry is not null && OfferEnds(entry) > time.GetUtcNow())
        {
            OfferTimeouts.Arm(deadline, OfferEnds(entry));
            return;
        }
        if (entry?.OfferedTo is not { } agentId) return;
        TakeBack(entry, agentId);
        try
        {
            await GrainFactory.GetGrain<IAgentGrain>(agentId).OfferTimedOut(chatId);
        }
        catch (ContactException error)
        {
            logger.LogWarning("Agent {Agent} no longer had chat {Chat} when its offer timed out: {Code}", agentId, chatId, error.Code);
        }
        await RouteAsync();
        await state.WriteStateAsync();
    }

    /// <summary>The chat's offer ended; when the chat was offered again meanwhile, that offer's timeout stands.</summary>
    private void ClearOfferTimeout(string chatId)
    {
        if (!Queue.Entries.Any(e => e.InteractionId == chatId && e.OfferedTo is not null)) OfferTimeouts.Disarm(OfferDeadline + chatId);
    }

    private QueueEntry OfferOf(string chatId, string agentId) =>
        Queue.Entries.FirstOrDefault(e => e.InteractionId == chatId && e.OfferedTo == agentId)
        ?? throw ServiceErrors.NotOfferedToYou(chatId, agentId);

    private void Track(AgentAvailability availability)
    {
        if (CanTakeAny(availability)) available[availability.AgentId] = availability;
        else available.Remove(availability.AgentId);
    }

    private static bool CanTakeAny(AgentAvailability availability) => availability.FreeChatSlots > 0 || availability.FreeForCall;

    private void EnsureExists()
    {
        if (!Queue.Configured) throw ServiceErrors.NotFound(ServiceId);
    }
}
