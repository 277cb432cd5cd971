using Contact.Grains.Agents;
using Contact.Grains.Interfaces;
using Contact.Storage.Campaigns;
using Contact.Storage;

namespace Contact.Grains.Campaigns;

/// <summary>
/// A campaign and, while it runs, its dispatcher. Which agents are Ready is held in memory, told
/// by the agents (one-way) and asked from every agent when the campaign starts. A preview
/// campaign hands records to Ready agents; a progressive one dials a record for each Ready agent
/// that no call ringing already counts on, a predictive one as many as its <see cref="DialPacer"/>
/// says (it looks again every second); whoever answers goes to the agent idle longest.
/// Due records come from an indexed query per open time zone into a small buffer, in list order;
/// records handed out but not yet settled are remembered so they are never handed out twice.
/// The record itself decides, with a version check on its row, whether it can go to the agent.
/// A durable reminder wakes a running campaign after a restart and looks for work every five
/// minutes; a timer wakes it when the next record falls due or a time zone's calling hours open.
/// </summary>
[GrainType("campaign")]
public sealed class CampaignGrain(
    [PersistentState("campaign", ContactGrainStorage.Name)] IPersistentState<CampaignState> state,
    CallingRecordStore records,
    IVoiceGateway voice,
    TimeProvider time) : Grain, ICampaignGrain, IRemindable
{
    private const string KeepAliveReminder = "running";
    private const int BufferSize = 256;

    // Never wait longer than this to look again, whatever the clock says.
    private static readonly TimeSpan longestSleep = TimeSpan.FromMinutes(5);

    // A predictive campaign looks this often: agents on calls grow likelier to be free, ringing calls less likely to answer.
    private static readonly TimeSpan pacingPeriod = TimeSpan.FromSeconds(1);

    private readonly Dictionary<string, DateTimeOffset> readyAgents = [];
    private readonly LinkedList<Pending> buffer = new();
    private readonly Dictionary<string, Pending> handedOut = [];
    // The records whose campaign call rings with nobody answering yet, and since when.
    private readonly Dictionary<string, DateTimeOffset> ringing = [];
    // The agents given one of the campaign's calls, and when: their handle time ends when they are Ready again.
    private readonly Dictionary<string, DateTimeOffset> onCalls = [];
    private DialPacer? pacer;
    private IGrainTimer? pacingTimer;
    private Dictionary<string, DateTimeOffset> kept = [];
    private IDisposable? wakeTimer;
    private DateTimeOffset? wakeAt;

    private CampaignState Campaign => state.State;
    private CampaignConfig Config => Campaign.Config ?? throw CampaignErrors.NotFound(CampaignId);
    private string CampaignId => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (!Campaign.Running) return;
        kept = await records.KeptAsync(CampaignId);
        // How long they have rung is not kept: counted from now, they stay counted until they settle.
        foreach (var recordId in await records.DialingAsync(CampaignId)) ringing[recordId] = time.GetUtcNow();
        foreach (var recordId in await records.HeldAsync(CampaignId)) await GrainFactory.GetGrain<ICallingRecordGrain>(recordId).Reconcile();
        PaceWhilePredictive();
        await AskAgentsAsync(Campaign.Agents);
    }

    public async Task<bool> Configure(CampaignConfig config)
    {
        var created = !Campaign.Configured;
        // A new limit takes a new pacer; what it measured is measured again.
        if (Campaign.Config?.AbandonLimit != config.AbandonLimit) pacer = null;
        Campaign.Configured = true;
        Campaign.Config = config;
        Campaign.TimeZones.Add(config.TimeZone);
        await state.WriteStateAsync();
        PaceWhilePredictive();
        // Calling hours may have changed: look again from the start.
        buffer.Clear();
        await DispatchAsync();
        return created;
    }

    public Task<CampaignView> GetView() => Task.FromResult(View());

    public async Task AddAgent(string agentId)
    {
        EnsureExists();
        var availability = await GrainFactory.GetGrain<IAgentGrain>(agentId).JoinCampaign(CampaignId);
        if (Campaign.Agents.Add(agentId)) await state.WriteStateAsync();
        await AgentAvailable(availability);
    }

    public async Task RemoveAgent(string agentId)
    {
        EnsureExists();
        if (Campaign.Agents.Remove(agentId)) await state.WriteStateAsync();
        readyAgents.Remove(agentId);
        await GrainFactory.GetGrain<IAgentGrain>(agentId).LeaveCampaign(CampaignId);
    }

    public async Task<CampaignView> Start()
    {
        if (Campaign.Running) return View();
        if (Config.Mode != CampaignMode.Preview) await EnsureCanDialAsync();
        await this.RegisterOrUpdateReminder(KeepAliveReminder, longestSleep, longestSleep);
        Campaign.Running = true;
        await state.WriteStateAsync();
        kept = await records.KeptAsync(CampaignId);
        PaceWhilePredictive();
        await AskAgentsAsync(Campaign.Agents);
        return View();
    }

    public async Task<CampaignView> Stop()
    {
        EnsureExists();
        if (!Campaign.Running) return View();
        Campaign.Running = false;
        await state.WriteStateAsync();
        if (await this.GetReminder(KeepAliveReminder) is { } keepAlive) await this.UnregisterReminder(keepAlive);
        buffer.Clear();
        StopWakeTimer();
        PaceWhilePredictive();
        return View();
    }

    public async Task<CampaignStats> GetStats()
    {
        EnsureExists();
        var (states, dispositions, attempts, total) = await records.StatsAsync(CampaignId, time.GetUtcNow());
        foreach (var name in Enum.GetNames<CallingRecordState>()) states.TryAdd(name, 0);
        return new CampaignStats(CampaignId, total, states, dispositions, attempts, [.. await records.AgentCountsAsync(CampaignId)],
            DialingTally.Stats(Campaign.Dialing, time.GetUtcNow()));
    }

    public async Task ListLoaded(string[] timeZones)
    {
        EnsureExists();
        var added = false;
        foreach (var zone in timeZones) added |= Campaign.TimeZones.Add(zone);
        if (added) await state.WriteStateAsync();
        await DispatchAsync();
    }

    public async Task AgentAvailable(AgentAvailability availability)
    {
        if (!Campaign.Agents.Contains(availability.AgentId)) return;
        if (availability.Ready) readyAgents[availability.AgentId] = availability.IdleSince;
        else readyAgents.Remove(availability.AgentId);
        if (availability.Ready && onCalls.Remove(availability.AgentId, out var claimedAt))
        {
            var handle = time.GetUtcNow() - claimedAt;
            Pacer.Handle(handle);
            Today.HandleSeconds += handle.TotalSeconds;
            await state.WriteStateAsync();
        }
        if (availability.Ready) await DispatchAsync();
    }

    public async Task OfferSettled(string recordId, string agentId, OfferOutcome outcome)
    {
        if (!handedOut.Remove(recordId, out var pending)) return;
        if (outcome == OfferOutcome.AgentBusy)
        {
            // It waits as before: first in line again, or for the agent it is kept for.
            if (pending.KeptFor is null) buffer.AddFirst(pending);
            else kept[pending.KeptFor] = pending.DueAt;
        }
        // The agent got nothing, so unless it has moved on meanwhile it still waits for a record.
        if (outcome == OfferOutcome.Gone && Campaign.Agents.Contains(agentId) && await GrainFactory.AskAsync(agentId) is { Ready: true } agent)
        {
            readyAgents[agentId] = agent.IdleSince;
        }
        await DispatchAsync();
    }

    public async Task RecordReturned(string recordId, DateTimeOffset dueAt, string? keptFor)
    {
        EnsureExists();
        if (keptFor is not null) kept[keptFor] = kept.TryGetValue(keptFor, out var earlier) && earlier < dueAt ? earlier : dueAt;
        if (readyAgents.Count == 0) return;
        if (dueAt <= time.GetUtcNow()) await DispatchAsync();
        else WakeBy(dueAt);
    }

    public async Task<string?> ClaimAgent(string recordId, TimeSpan rang)
    {
        var now = time.GetUtcNow();
        // Asked again while nobody is free: the answer was counted the first time.
        var firstAsk = ringing.Remove(recordId);
        if (firstAsk)
        {
            Today.Answers++;
            Pacer.Answer(rang);
        }
        var (agentId, idleSince) = LongestIdleFirst().FirstOrDefault();
        if (agentId is not null)
        {
            readyAgents.Remove(agentId);
            onCalls[agentId] = now;
            Today.WaitSeconds += Math.Max(0, (now - idleSince).TotalSeconds);
        }
        // The call asks again every quarter second while nobody is free: only a count that changed is written.
        if (firstAsk || agentId is not null) await state.WriteStateAsync();
        return agentId;
    }

    public async Task DialSettled(string recordId, DialOutcome outcome)
    {
        // Told again after a restart (a call finishing what the crash cut short): counted once.
        var known = handedOut.Remove(recordId) | ringing.Remove(recordId);
        if (known && outcome != DialOutcome.NotPlaced)
        {
            var today = Today;
            today.Dials++;
            if (outcome == DialOutcome.Machine) today.Machines++;
            if (outcome == DialOutcome.Connected) today.Connects++;
            if (outcome == DialOutcome.Abandoned) today.Abandons++;
            if (outcome is DialOutcome.NoAnswer or DialOutcome.Machine) Pacer.NoAnswer();
            if (outcome == DialOutcome.Abandoned) Pacer.Abandon();
            await state.WriteStateAsync();
        }
        await DispatchAsync();
    }

    /// <summary>
    /// After a restart, being activated is the point (OnActivateAsync asks the agents and looks for
    /// work). While active, each tick looks for work too: whatever wake was missed, agents never
    /// wait longer than one period.
    /// </summary>
    public Task ReceiveReminder(string reminderName, TickStatus status) => DispatchAsync();

    /// <summary>Hands due records to Ready agents, or dials them for Ready agents, while there are both.</summary>
    private async Task DispatchAsync()
    {
        if (!Campaign.Running) return;
        // Looking takes time; when the next due moment has passed meanwhile, look again at once.
        for (var look = 0; look < 3 && readyAgents.Count > 0; look++)
        {
            var now = time.GetUtcNow();
            var wantMore = Config.Mode == CampaignMode.Preview ? await HandOutAsync(now) : await DialAsync(now);
            if (!wantMore) return;
            var next = await NextWakeAsync(now);
            if (next > time.GetUtcNow())
            {
                WakeBy(next);
                return;
            }
        }
        // The clock kept overtaking the looks: look again on a timer rather than not at all.
        if (readyAgents.Count > 0) WakeBy(time.GetUtcNow());
    }

    /// <summary>Offers due records to the Ready agents, the one idle longest first; true when agents are left waiting.</summary>
    private async Task<bool> HandOutAsync(DateTimeOffset now)
    {
        var listEmpty = false;
        foreach (var agentId in LongestIdleFirst().Select(a => a.Key).ToList())
        {
            var next = await KeptForAsync(agentId, now);
            if (next is null && !listEmpty)
            {
                next = await TakeFromBufferAsync(now);
                listEmpty = next is null;
            }
            if (next is null) continue;
            readyAgents.Remove(agentId);
            handedOut[next.Id] = next;
            await GrainFactory.GetGrain<ICallingRecordGrain>(next.Id).Offer(new PreviewOffer(agentId, CampaignId, Config.Name, Config.AutoAccept));
        }
        return readyAgents.Count > 0;
    }

    /// <summary>The Ready agents, the one idle longest first (by id when equal, so the order is stable).</summary>
    private IEnumerable<KeyValuePair<string, DateTimeOffset>> LongestIdleFirst() =>
        readyAgents.OrderBy(a => a.Value).ThenBy(a => a.Key, StringComparer.Ordinal);

    /// <summary>
    /// Progressive dialing: one call for each Ready agent that no ringing call already counts on,
    /// so that whoever answers finds an agent. Predictive: as many as the pacer says. True when
    /// agents are left without a call to wait for.
    /// </summary>
    private async Task<bool> DialAsync(DateTimeOffset now)
    {
        var wanted = Config.Mode == CampaignMode.Predictive
            ? Pacer.CallsToDial(readyAgents.Count, onCalls.Count, [.. ringing.Values.Select(since => now - since)])
            : readyAgents.Count - ringing.Count;
        for (; wanted > 0; wanted--)
        {
            var next = await TakeFromBufferAsync(now);
            if (next is null) return true;
            handedOut[next.Id] = next;
            ringing[next.Id] = now;
            await GrainFactory.GetGrain<ICallingRecordGrain>(next.Id).Dial(CampaignId, Config);
        }
        return false;
    }

    /// <summary>A campaign that dials needs voice on this server, and a service that takes calls and has a number to call from.</summary>
    private async Task EnsureCanDialAsync()
    {
        if (!voice.IsConfigured) throw VoiceSetup.NotConfigured();
        var service = await GrainFactory.GetGrain<IServiceQueueGrain>(Config.ServiceId).GetConfig();
        if (!service.Channels.Contains(Channels.Voice) || service.VoiceNumber is null) throw CampaignErrors.ServiceWithoutVoice(Config.ServiceId);
    }

    /// <summary>A record kept for this agent (a personal reschedule) that is due now.</summary>
    private async Task<Pending?> KeptForAsync(string agentId, DateTimeOffset now)
    {
        if (!kept.TryGetValue(agentId, out var due) || due > now) return null;
        foreach (var zone in Campaign.TimeZones.Where(z => CallingClock.IsOpen(Config.CallingHours, z, now)))
        {
            var found = (await records.DueAsync(CampaignId, agentId, zone, now, 4)).FirstOrDefault(r => !handedOut.ContainsKey(r.Id));
            if (found is not null) return new Pending(found.Id, found.DueAt, zone, agentId);
        }
        var left = await records.KeptAsync(CampaignId, agentId);
        if (left.TryGetValue(agentId, out var later)) kept[agentId] = later;
        else kept.Remove(agentId);
        return null;
    }

    private async Task<Pending?> TakeFromBufferAsync(DateTimeOffset now)
    {
        for (var refilled = false; ; refilled = true)
        {
            while (buffer.First is { Value: var next })
            {
                buffer.RemoveFirst();
                // Its zone may have closed since it was read; it is read again when the zone opens.
                if (!handedOut.ContainsKey(next.Id) && CallingClock.IsOpen(Config.CallingHours, next.Zone, now)) return next;
            }
            if (refilled) return null;
            await RefillAsync(now);
        }
    }

    /// <summary>The first due records of each open zone, merged in due order.</summary>
    private async Task RefillAsync(DateTimeOffset now)
    {
        var due = new List<Pending>();
        foreach (var zone in Campaign.TimeZones.Where(z => CallingClock.IsOpen(Config.CallingHours, z, now)))
        {
            var page = await records.DueAsync(CampaignId, "", zone, now, BufferSize + handedOut.Count);
            due.AddRange(page.Where(r => !handedOut.ContainsKey(r.Id)).Select(r => new Pending(r.Id, r.DueAt, zone, null)));
        }
        foreach (var pending in due.OrderBy(p => p.DueAt).Take(BufferSize)) buffer.AddLast(pending);
    }

    /// <summary>Agents wait with nothing due: the next record falls due, or a zone opens, then.</summary>
    private async Task<DateTimeOffset> NextWakeAsync(DateTimeOffset now)
    {
        var next = now + longestSleep;
        foreach (var zone in Campaign.TimeZones)
        {
            var candidate = CallingClock.IsOpen(Config.CallingHours, zone, now)
                ? await records.NextDueAsync(CampaignId, "", zone, now)
                : CallingClock.NextOpening(Config.CallingHours, zone, now);
            if (candidate < next) next = candidate.Value;
        }
        foreach (var agentId in readyAgents.Keys)
        {
            if (kept.TryGetValue(agentId, out var due) && due > now && due < next) next = due;
        }
        return next;
    }

    private void WakeBy(DateTimeOffset at)
    {
        if (wakeAt is { } armed && armed <= at && wakeTimer is not null) return;
        StopWakeTimer();
        var delay = at - time.GetUtcNow();
        wakeAt = at;
        wakeTimer = this.RegisterGrainTimer(_ =>
        {
            StopWakeTimer();
            return DispatchAsync();
        }, delay < TimeSpan.Zero ? TimeSpan.Zero : delay, Timeout.InfiniteTimeSpan);
    }

    private void StopWakeTimer()
    {
        wakeTimer?.Dispose();
        wakeTimer = null;
        wakeAt = null;
    }

    private async Task AskAgentsAsync(IEnumerable<string> agentIds)
    {
        foreach (var availability in (await GrainFactory.AskAllAsync(agentIds)).Where(a => a.Ready)) readyAgents[availability.AgentId] = availability.IdleSince;
        await DispatchAsync();
    }

    private void EnsureExists()
    {
        if (!Campaign.Configured) throw CampaignErrors.NotFound(CampaignId);
    }

    /// <summary>
    /// The pacer, made when first needed with the abandons of the rules' 30 days already counted.
    /// It lives as long as the activation: over a longer life its rate covers more than 30 days.
    /// </summary>
    private DialPacer Pacer => pacer ??= NewPacer();

    private DialPacer NewPacer()
    {
        var past = DialingTally.Stats(Campaign.Dialing, time.GetUtcNow());
        return new DialPacer(Config.AbandonLimit, past.Answers, past.Abandons);
    }

    /// <summary>A running predictive campaign looks for calls to dial every second; any other does not.</summary>
    private void PaceWhilePredictive()
    {
        var pacing = Campaign is { Running: true, Config.Mode: CampaignMode.Predictive };
        if (pacing && pacingTimer is null) pacingTimer = this.RegisterGrainTimer(DispatchAsync, pacingPeriod, pacingPeriod);
        if (pacing || pacingTimer is null) return;
        pacingTimer.Dispose();
        pacingTimer = null;
    }

    private DialingDay Today => DialingTally.Today(Campaign.Dialing, time.GetUtcNow());

    private CampaignView View() => new(CampaignId, Config, Campaign.Running, [.. Campaign.Agents], [.. Campaign.TimeZones]);

    /// <summary>A record on its way to an agent, or waiting in the buffer.</summary>
    private sealed record Pending(string Id, DateTimeOffset DueAt, string Zone, string? KeptFor);
}
