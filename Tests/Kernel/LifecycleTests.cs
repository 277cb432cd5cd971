using Contact.Orleans.Runtime;
using Contact.Orleans.Tests.Support;
using Contact.Orleans.Tests.TestGrains;

namespace Contact.Orleans.Tests.Kernel;

public sealed class LifecycleTests() : SiloTest(o =>
{
    o.CollectionAge = TimeSpan.FromMinutes(10);
    o.CollectionQuantum = TimeSpan.FromMinutes(1);
})
{
    [Fact]
    public async Task A_reference_does_not_activate_the_first_call_does_once()
    {
        var grain = Silo.Grains.GetGrain<IValueGrain>("lazy");
        Assert.DoesNotContain(Silo.Log.Events, e => e.StartsWith("activate lazy"));

        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => grain.Get()));

        Assert.Single(Silo.Log.Events, e => e.StartsWith("activate lazy"));
    }

    [Fact]
    public async Task An_idle_activation_is_collected_after_the_age_and_comes_back_on_the_next_call()
    {
        var grain = Silo.Grains.GetGrain<IValueGrain>("idle");
        await grain.Set("kept");

        Silo.Time.Advance(TimeSpan.FromMinutes(9));
        Assert.DoesNotContain("deactivate idle IdleTimeout", Silo.Log.Events);
        Silo.Time.Advance(TimeSpan.FromMinutes(2));
        await Silo.Runtime.WhenDeactivated(new GrainId("test-value", "idle"));

        Assert.Contains("deactivate idle IdleTimeout", Silo.Log.Events);
        Assert.Equal("kept", await grain.Get());
        Assert.Equal(2, Silo.Log.Events.Count(e => e.StartsWith("activate idle")));
    }

    [Fact]
    public async Task A_busy_activation_is_not_collected()
    {
        Silo.Runtime.Options.CallTimeout = TimeSpan.FromHours(1);
        var grain = Silo.Grains.GetGrain<IGatedGrain>("busy");
        var working = grain.WaitFor("busy-gate");

        Silo.Time.Advance(TimeSpan.FromMinutes(20));

        Assert.Equal(1, Silo.Runtime.ActivationCount);
        Silo.Log.Open("busy-gate");
        await working;
    }

    [Fact]
    public async Task DeactivateOnIdle_runs_OnDeactivateAsync_after_the_turn()
    {
        var grain = Silo.Grains.GetGrain<IValueGrain>("leaving");
        await grain.SetOnDeactivate("written on the way out");

        await grain.Deactivate();
        await Silo.Runtime.WhenDeactivated(new GrainId("test-value", "leaving"));

        Assert.Contains("deactivate leaving ApplicationRequested", Silo.Log.Events);
        Assert.Equal("written on the way out", await grain.Get());
    }

    [Fact]
    public async Task Shutdown_deactivates_every_grain_and_flushes_what_they_write()
    {
        using var other = new Database(DatabaseKind.Sqlite);
        var first = await TestSilo.StartAsync(other);
        var firstLog = first.Log;
        await first.Grains.GetGrain<IValueGrain>("flushed").SetOnDeactivate("flushed at shutdown");
        await first.DisposeAsync();

        await using var second = await TestSilo.StartAsync(other);
        Assert.Equal("flushed at shutdown", await second.Grains.GetGrain<IValueGrain>("flushed").Get());
        Assert.Contains("deactivate flushed ShuttingDown", firstLog.Events);
    }
}
