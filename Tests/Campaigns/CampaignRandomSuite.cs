using System.Text;
using Contact.Grains.Campaigns;
using Contact.Grains.Interfaces;
using Contact.Tests.Support;

namespace Contact.Tests.Campaigns;

/// <summary>
/// Fifty agents take random actions (accept and complete with each kind of disposition, skip,
/// reject) until 5,000 records are done. At every step no record is on two desktops; at the end
/// every record's state, attempts and disposition are what the actions taken imply.
/// </summary>
public abstract class CampaignRandomSuite(DatabaseKind kind) : SiloTest(kind)
{
    private const int Agents = 50;
    private const int Records = 5000;
    private const int MaxAttempts = 2;

    [Fact]
    public async Task Fifty_agents_acting_at_random_never_share_or_lose_a_record()
    {
        await Silo.Grains.GetGrain<IServiceQueueGrain>("sales").Configure(new ServiceConfig("Sales", [Channels.Voice], null, 30, null, false));
        var campaign = Silo.Grains.GetGrain<ICampaignGrain>("blitz");
        await campaign.Configure(new CampaignConfig("Blitz", CampaignMode.Preview, "sales",
            [new("Sale", DispositionOutcome.Final), new("No Answer", DispositionOutcome.Retry), new("Do Not Call", DispositionOutcome.Dnc), new("Bad Record", DispositionOutcome.Final)],
            "Bad Record", MaxAttempts, 0, new CallingHours("00:00", "23:59"), null, false, "UTC", "US"));
        var csv = new StringBuilder("name,phone1\n");
        for (var i = 0; i < Records; i++) csv.Append($"Customer {i},+1212555{i:D4}\n");
        var report = await Silo.Get<CallingListImporter>().ImportAsync("blitz", "list", new MemoryStream(Encoding.UTF8.GetBytes(csv.ToString())), default);
        Assert.Equal(Records, report.Accepted);

        var agentIds = Enumerable.Range(0, Agents).Select(i => $"agent{i:D2}").ToList();
        foreach (var id in agentIds)
        {
            var agent = Silo.Grains.GetGrain<IAgentGrain>(id);
            await agent.Configure(new AgentProfile(id, ["sales"], 1));
            await agent.StartSession();
            await agent.SetState(AgentState.Ready, null);
            await campaign.AddAgent(id);
        }
        await campaign.Start();

        var random = new Random(20261122);
        var expected = new Dictionary<string, Expected>();
        var skips = agentIds.ToDictionary(a => a, _ => 0);
        var rejects = agentIds.ToDictionary(a => a, _ => 0);
        var quiet = 0;
        while (expected.Count(e => e.Value.Done) < Records)
        {
            var views = await Task.WhenAll(agentIds.Select(a => Silo.Grains.GetGrain<IAgentGrain>(a).GetView()));
            var held = views.SelectMany(v => v.Interactions.Where(i => i.Kind == CallingRecordGrain.InteractionKind).Select(i => (Agent: v.Id, Record: i.Id, i.State))).ToList();
            Assert.Equal(held.Count, held.Select(h => h.Record).Distinct().Count());
            if (held.Count == 0)
            {
                // Offers may still be on their way; when none comes, skipped records are due a minute later.
                if (++quiet % 5 == 0) Silo.Time.Advance(CallingRecordGrain.ReturnDelay);
                else await Task.Delay(5);
                Assert.True(quiet < 2000, $"Stuck with {expected.Count(e => e.Value.Done)} of {Records} records done.");
                continue;
            }
            quiet = 0;
            var plans = held.Select(h => (h, Roll: random.NextDouble(), Pick: random.Next(10))).ToList();
            await Task.WhenAll(plans.Select(async plan =>
            {
                var (agentId, recordId, state) = plan.h;
                var record = Silo.Grains.GetGrain<ICallingRecordGrain>(recordId);
                var entry = expected.TryGetValue(recordId, out var e) ? e : new Expected();
                if (plan.Roll < 0.1 && state == InteractionState.Offered)
                {
                    await record.Reject(agentId);
                    await Silo.Grains.GetGrain<IAgentGrain>(agentId).SetState(AgentState.Ready, null);
                    lock (rejects) rejects[agentId]++;
                }
                else if (plan.Roll < 0.25)
                {
                    await record.Skip(agentId);
                    lock (skips) skips[agentId]++;
                }
                else
                {
                    if (state == InteractionState.Offered) await record.Accept(agentId);
                    var disposition = plan.Pick switch { < 4 => "Sale", < 8 => "No Answer", 8 => "Do Not Call", _ => "Bad Record" };
                    await record.Complete(agentId, disposition, null);
                    entry = entry with { Attempts = entry.Attempts + 1, Disposition = disposition };
                    entry = entry with { Done = disposition != "No Answer" || entry.Attempts >= MaxAttempts };
                }
                lock (expected) expected[recordId] = entry;
            }));
        }

        foreach (var (recordId, entry) in expected)
        {
            var view = await Silo.Grains.GetGrain<ICallingRecordGrain>(recordId).GetView();
            Assert.Equal((CallingRecordState.Completed, entry.Attempts, entry.Disposition), (view.State, view.Attempts, view.Disposition));
        }
        Assert.Equal(Records, expected.Count);
        var stats = await campaign.GetStats();
        Assert.Equal(Records, stats.States[nameof(CallingRecordState.Completed)]);
        Assert.Equal(expected.Values.Sum(e => e.Attempts), stats.Attempts);
        foreach (var counts in stats.Agents) Assert.Equal((skips[counts.AgentId], rejects[counts.AgentId]), (counts.Skips, counts.Rejects));
        var desktops = await Task.WhenAll(agentIds.Select(a => Silo.Grains.GetGrain<IAgentGrain>(a).GetView()));
        Assert.All(desktops, d => Assert.Empty(d.Interactions));
    }

    private sealed record Expected(int Attempts = 0, string? Disposition = null, bool Done = false);
}

public sealed class SqliteCampaignRandomTests() : CampaignRandomSuite(DatabaseKind.Sqlite);

public sealed class PostgresCampaignRandomTests() : CampaignRandomSuite(DatabaseKind.Postgres);
