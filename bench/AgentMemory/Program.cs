using System.Diagnostics;
using Contact.Bench;
using Contact.Grains.Interfaces;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;

// Memory per activated agent grain: creates N agents (configured, in a session, Ready), then, in
// a fresh process so that the setup leaves no memory behind, starts a silo, activates N grains
// with no state of their own (the baseline: what Orleans keeps per activation), then every agent
// by reading its view (state loaded from SQLite), measuring before and after each. Reports
// working-set and managed-heap growth per activation.
if (args is ["measure", var dbPath, var n])
{
    await MeasureAsync(dbPath, int.Parse(n));
    return;
}
var count = args.Length > 0 ? int.Parse(args[0]) : 100_000;
var path = Path.Combine(Path.GetTempPath(), $"agent-memory-{Guid.NewGuid():N}", "contact.db");
var setupTime = Stopwatch.StartNew();
using (var setup = await StartAsync(path))
{
    var grains = setup.Services.GetRequiredService<IGrainFactory>();
    string[] services = ["sales", "support"];
    foreach (var service in services)
    {
        await grains.GetGrain<IServiceQueueGrain>(service).Configure(new ServiceConfig(service, [Channels.Chat], null, 30, null, false));
    }
    await ForAll(count, async id =>
    {
        var agent = grains.GetGrain<IAgentGrain>(id);
        await agent.Configure(new AgentProfile($"Agent {id}", services, 3));
        await agent.StartSession();
        await agent.SetState(AgentState.Ready, null);
    });
    // The agents told their queues one-way; a call behind those messages returns once the queues
    // have taken them all, so the silo does not stop with thousands of them still in flight.
    // Tens of thousands take longer than one call may wait: ask again until it answers.
    foreach (var service in services)
    {
        while (!await AnswersAsync(grains.GetGrain<IServiceQueueGrain>(service))) { }
    }
    await setup.StopAsync();
}
// The setup's own speed: every agent joins both services, so a queue that did per-member work
// on each join would show here long before the memory figures.
Console.WriteLine($"setup: {count:N0} agents configured, in a session and Ready in 2 services, the queues told: {setupTime.Elapsed.TotalSeconds:N1} s");
using (var measure = Process.Start("dotnet", [typeof(Program).Assembly.Location, "measure", path, count.ToString()]))
{
    await measure.WaitForExitAsync();
}
Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);

static async Task<bool> AnswersAsync(IServiceQueueGrain queue)
{
    try
    {
        await queue.GetView();
        return true;
    }
    catch (TimeoutException)
    {
        return false;
    }
}

static async Task MeasureAsync(string path, int count)
{
    using var silo = await StartAsync(path);
    var grains = silo.Services.GetRequiredService<IGrainFactory>();
    // The silo's own grains (the directory, the admin login) are active already.
    await grains.GetGrain<IAgentGrain>("warm-up").Configure(new AgentProfile("Warm-up", [], 1));
    await grains.GetGrain<INoopGrain>("warm-up").Noop();
    Console.WriteLine($"{count:N0} activations of each      working set   managed heap   (bytes per activation)");
    await MeasureActivations("bare grains (baseline)", count, id => grains.GetGrain<INoopGrain>(id).Noop());
    await MeasureActivations("agent grains", count, id => grains.GetGrain<IAgentGrain>(id).GetView());
    await silo.StopAsync();
}

static async Task MeasureActivations(string what, int count, Func<string, Task> activate)
{
    var (workingSetBefore, heapBefore) = Measure();
    await ForAll(count, activate);
    var (workingSetAfter, heapAfter) = Measure();
    Console.WriteLine($"  {what,-28} {(workingSetAfter - workingSetBefore) / (double)count,9:N0}   {(heapAfter - heapBefore) / (double)count,12:N0}");
}

static (long WorkingSet, long Heap) Measure()
{
    // Aggressive: a full compacting collection that also gives back the memory the garbage of
    // the activations left committed, so the figure is what the live grains hold, both times.
    GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
    GC.WaitForPendingFinalizers();
    GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
    using var self = Process.GetCurrentProcess();
    return (self.WorkingSet64, GC.GetTotalMemory(forceFullCollection: true));
}

static async Task ForAll(int count, Func<string, Task> action)
{
    const int parallel = 8;
    var next = -1;
    await Task.WhenAll(Enumerable.Range(0, parallel).Select(async _ =>
    {
        for (var i = Interlocked.Increment(ref next); i < count; i = Interlocked.Increment(ref next)) await action($"agent-{i}");
    }));
}

// Idle grains are not collected while the measurement runs.
static Task<IHost> StartAsync(string path) => BenchSilo.StartAsync(BenchSilo.Storage("sqlite", path),
    services => services.Configure<GrainCollectionOptions>(o => o.CollectionAge = TimeSpan.FromHours(1)));
