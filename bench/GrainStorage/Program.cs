using System.Diagnostics;
using Contact.Bench;
using Contact.Bench.GrainStorage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

// Durable grain state writes through the product's storage provider (group commit) against
// Microsoft.Orleans.Persistence.AdoNet, in one silo, on one database, in the same run: N grains,
// each writing its state again as soon as the last write returned (a grain writes one at a time).
// Usage: GrainStorage sqlite <path> | postgres <connection string>; then [grains] [seconds]
var kind = args[0];
var target = args[1];
var grainCount = args.Length > 2 ? int.Parse(args[2]) : 64;
var seconds = args.Length > 3 ? double.Parse(args[3]) : 10;

await StockStorage.CreateTablesAsync(kind, target);
using var silo = await BenchSilo.StartAsync(BenchSilo.Storage(kind, target), services => StockStorage.Add(services, kind, target));
var grains = silo.Services.GetRequiredService<IGrainFactory>();

Console.WriteLine($"{kind}: {grainCount} grains writing for {seconds} s each");
foreach (var (name, type) in new[] { ("product's provider (group commit)", "contact"), ("Persistence.AdoNet (baseline)", "adonet") })
{
    IStateWriterGrain Grain(int i) => type == "contact"
        ? grains.GetGrain<IStateWriterGrain>($"g{i}", typeof(ContactStateGrain).FullName)
        : grains.GetGrain<IStateWriterGrain>($"g{i}", typeof(AdoNetStateGrain).FullName);
    // Warm-up: activate (read) and write each grain once.
    await Task.WhenAll(Enumerable.Range(0, grainCount).Select(i => Grain(i).Write()));
    var latencies = new List<double>();
    var clock = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, grainCount).Select(async i =>
    {
        var mine = new List<double>();
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            var start = Stopwatch.GetTimestamp();
            await Grain(i).Write();
            mine.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
        lock (latencies) latencies.AddRange(mine);
    }));
    latencies.Sort();
    Console.WriteLine($"  {name,-36} {latencies.Count / clock.Elapsed.TotalSeconds,8:N0} writes/s   p50 {At(0.50),7:N1} ms   p99 {At(0.99),8:N1} ms");

    double At(double p) => latencies[Math.Min(latencies.Count - 1, (int)(p * latencies.Count))];
}
await silo.StopAsync();
