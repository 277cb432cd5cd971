using System.Diagnostics;
using Contact.Bench;
using Contact.Bench.GrainCalls;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

// No-op grain calls per second through Orleans (a silo in this process, called from outside any
// grain, as the API calls it) against the same no-op called directly behind a SemaphoreSlim,
// measured in the same run:
// - spread: one caller per core over 1,000 grains (or guarded objects), calls mostly find the grain idle;
// - contended: 64 concurrent callers on 8 grains, so calls queue and hop through the thread pool.
const int targets = 1000;
var seconds = args.Length > 0 ? double.Parse(args[0]) : 5;
var callers = Environment.ProcessorCount;

var folder = Path.Combine(Path.GetTempPath(), $"bench-{Guid.NewGuid():N}");
using var silo = await BenchSilo.StartAsync(BenchSilo.Storage("sqlite", Path.Combine(folder, "bench.db")));
var factory = silo.Services.GetRequiredService<IGrainFactory>();

var grains = Enumerable.Range(0, targets).Select(i => factory.GetGrain<INoopGrain>($"g{i}")).ToArray();
var guarded = Enumerable.Range(0, targets).Select(_ => new GuardedNoop()).ToArray();

await Measure(1, callers, targets, i => grains[i].Noop());
await Measure(1, callers, targets, i => guarded[i].Noop());
Report("spread", callers, targets,
    await Measure(seconds, callers, targets, i => grains[i].Noop()),
    await Measure(seconds, callers, targets, i => guarded[i].Noop()));
Report("contended", 64, 8,
    await Measure(seconds, 64, 8, i => grains[i].Noop()),
    await Measure(seconds, 64, 8, i => guarded[i].Noop()));
await silo.StopAsync();
Directory.Delete(folder, recursive: true);

void Report(string scenario, int concurrent, int over, double grainRate, double baselineRate)
{
    Console.WriteLine($"{scenario}: {concurrent} callers on {over} grains, {seconds} s each, {Environment.ProcessorCount} cores");
    Console.WriteLine($"  no-op grain calls/s:                      {grainRate,14:N0}");
    Console.WriteLine($"  baseline, SemaphoreSlim-guarded calls/s:  {baselineRate,14:N0}");
    Console.WriteLine($"  grain call cost vs baseline:              {baselineRate / grainRate,14:N2}x");
}

async Task<double> Measure(double duration, int concurrent, int over, Func<int, Task> call)
{
    var total = 0L;
    var clock = Stopwatch.StartNew();
    var until = TimeSpan.FromSeconds(duration);
    await Task.WhenAll(Enumerable.Range(0, concurrent).Select(c => Task.Factory.StartNew(async () =>
    {
        var count = 0L;
        for (var i = c; clock.Elapsed < until;)
        {
            // A batch between clock reads keeps the clock out of the measurement.
            for (var j = 0; j < 100; j++, i++) await call(i % over);
            count += 100;
        }
        Interlocked.Add(ref total, count);
    }, concurrent <= Environment.ProcessorCount ? TaskCreationOptions.LongRunning : TaskCreationOptions.None).Unwrap()));
    return total / clock.Elapsed.TotalSeconds;
}
