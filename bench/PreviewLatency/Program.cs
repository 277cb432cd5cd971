using System.Diagnostics;
using System.Text;
using Contact.Bench;
using Contact.Grains.Agents;
using Contact.Grains.Campaigns;
using Contact.Grains.Interfaces;
using Contact.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

// Time from Ready to preview.offered with 1,000 agents in one running preview campaign, in a silo
// on a real database. Each agent accepts its record, reviews it for a random time (the mean given,
// give or take half), and completes it; completing makes it Ready, and the clock runs from its Ready event (on disk) to its
// preview.offered event (on disk). The baseline, from the same runs: how long the agent's Complete
// call takes (the record's and the agent's durable writes) under the same load.
// Usage: PreviewLatency sqlite <path> | postgres <connection string>; then [agents] [records] [seconds] [mean review seconds]
var storage = args[0];
var agents = args.Length > 2 ? int.Parse(args[2]) : 1000;
var records = args.Length > 3 ? int.Parse(args[3]) : 100_000;
var seconds = args.Length > 4 ? double.Parse(args[4]) : 60;
var reviewMs = (int)((args.Length > 5 ? double.Parse(args[5]) : 10) * 1000);

using var silo = await BenchSilo.StartAsync(BenchSilo.Storage(storage, args[1]));
var services = silo.Services;
var runtime = services.GetRequiredService<IGrainFactory>();
var feed = services.GetRequiredService<JournalFeed>();

await runtime.GetGrain<IServiceQueueGrain>("outbound").Configure(new ServiceConfig("Outbound", [Channels.Voice], null, 30, null, false));
var campaign = runtime.GetGrain<ICampaignGrain>("bench");
await campaign.Configure(new CampaignConfig("Bench", CampaignMode.Preview, "outbound", [new("Sale", DispositionOutcome.Final)], "Sale",
    3, 60, new CallingHours("00:00", "23:59"), null, false, "UTC", "US"));
var csv = new StringBuilder("name,phone1\n");
for (var i = 0; i < records; i++) csv.Append($"Customer {i},+1{2122000000 + i}\n");
var import = Stopwatch.StartNew();
var report = await services.GetRequiredService<CallingListImporter>().ImportAsync("bench", CallingListImporter.NewImportId(),
    new MemoryStream(Encoding.UTF8.GetBytes(csv.ToString())), CancellationToken.None);
await campaign.Start();
Console.WriteLine($"{storage}: {report.Accepted:N0} records loaded in {import.Elapsed.TotalSeconds:N1} s; {agents:N0} agents");

var readyToOffer = new List<double>();
var completeToReady = new List<double>();
var stop = Stopwatch.StartNew();
var until = TimeSpan.FromSeconds(seconds);
var measuring = false;
await Task.WhenAll(Enumerable.Range(0, agents).Select(async n =>
{
    var id = $"agent{n:D4}";
    var agent = runtime.GetGrain<IAgentGrain>(id);
    await agent.Configure(new AgentProfile(id, ["outbound"], 1));
    await agent.StartSession();
    var next = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
    long readyAt = 0;
    using var subscription = feed.Subscribe(GrainKey.Of(agent.GetGrainId()), entry =>
    {
        if (entry.Kind == AgentGrain.StateEvent && entry.Payload.Contains("\"to\":\"Ready\"")) Volatile.Write(ref readyAt, Stopwatch.GetTimestamp());
        if (entry.Kind == "preview.offered")
        {
            if (Volatile.Read(ref measuring) && readyAt != 0) lock (readyToOffer) readyToOffer.Add(Stopwatch.GetElapsedTime(readyAt).TotalMilliseconds);
            var offered = entry.Payload;
            var start = offered.IndexOf("\"interactionId\":\"", StringComparison.Ordinal) + 17;
            Volatile.Read(ref next).TrySetResult(offered[start..offered.IndexOf('"', start)]);
        }
    }, onMissed: () => { }); // one node: every entry is written here and arrives itself
    await campaign.AddAgent(id);
    await agent.SetState(AgentState.Ready, null);
    var random = new Random(n);
    while (stop.Elapsed < until)
    {
        var recordId = await next.Task;
        Volatile.Write(ref next, new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously));
        var record = runtime.GetGrain<ICallingRecordGrain>(recordId);
        await record.Accept(id);
        await Task.Delay(reviewMs / 2 + random.Next(reviewMs));
        var completing = Stopwatch.GetTimestamp();
        await record.Complete(id, "Sale", null);
        if (Volatile.Read(ref measuring)) lock (completeToReady) completeToReady.Add(Stopwatch.GetElapsedTime(completing).TotalMilliseconds);
    }
}).Append(Task.Run(async () =>
{
    // The first seconds start 1,000 sessions at once; measure once every agent is cycling.
    await Task.Delay(TimeSpan.FromSeconds(seconds / 4));
    Volatile.Write(ref measuring, true);
    stop.Restart();
    until = TimeSpan.FromSeconds(seconds * 3 / 4);
})));

Console.WriteLine($"  Ready -> preview.offered: {readyToOffer.Count / (seconds * 3 / 4):N0} offers/s; p50 {Percentile(readyToOffer, 0.50):N1} ms, p99 {Percentile(readyToOffer, 0.99):N1} ms, max {readyToOffer.DefaultIfEmpty().Max():N1} ms (target: p99 < 20 ms)");
Console.WriteLine($"  baseline, one Complete call (the record's and the agent's durable writes): p50 {Percentile(completeToReady, 0.50):N1} ms, p99 {Percentile(completeToReady, 0.99):N1} ms");
await silo.StopAsync();

static double Percentile(List<double> values, double p)
{
    if (values.Count == 0) return double.NaN;
    var sorted = values.Order().ToList();
    return sorted[Math.Min(sorted.Count - 1, (int)(p * sorted.Count))];
}
