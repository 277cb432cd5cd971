using Contact.Orleans.Runtime;
using Contact.Orleans.Tests.Support;
using Contact.Orleans.Tests.TestGrains;

namespace Contact.Orleans.Tests.Kernel;

public sealed class TurnTests : SiloTest
{
    [Fact]
    public async Task A_thousand_concurrent_increments_on_one_grain_count_exactly_a_thousand()
    {
        var counter = Silo.Grains.GetGrain<ICounterGrain>("one");
        await Task.WhenAll(Enumerable.Range(0, 1000).Select(_ => Task.Run(() => counter.Increment())));

        Assert.Equal(1000, await counter.Get());
        Assert.Equal(1, await counter.MaxConcurrentTurns());
    }

    [Fact]
    public async Task Calls_wait_for_their_turn_in_arrival_order()
    {
        var grain = Silo.Grains.GetGrain<IGatedGrain>("ordered");
        var blocker = grain.WaitFor("ordered-gate");
        var calls = Enumerable.Range(1, 50).Select(grain.Record).ToList();

        Assert.All(calls, call => Assert.False(call.IsCompleted));
        Silo.Log.Open("ordered-gate");
        await blocker;
        await Task.WhenAll(calls);

        Assert.Equal(Enumerable.Range(1, 50), await grain.Recorded());
    }

    [Fact]
    public async Task A_grain_waiting_on_something_does_not_hold_up_other_grains()
    {
        var stuck = Silo.Grains.GetGrain<IGatedGrain>("stuck").WaitFor("never-opened-before-the-end");
        var other = Silo.Grains.GetGrain<ICounterGrain>("free");

        Assert.Equal(1, await other.Increment());
        Assert.False(stuck.IsCompleted);
        Silo.Log.Open("never-opened-before-the-end");
        await stuck;
    }

    [Fact]
    public async Task A_call_cycle_fails_at_once_naming_the_chain()
    {
        var a = Silo.Grains.GetGrain<IRelayGrain>("A");

        var error = await Assert.ThrowsAsync<DeadlockException>(() => a.Relay(["B", "A"]));

        Assert.Equal("Call cycle: test-relay/A -> test-relay/B -> test-relay/A", error.Message);
        Assert.Equal("reached C", await a.Relay(["B", "C"]));
    }

    [Fact]
    public async Task A_one_way_call_runs_outside_the_callers_chain_so_calling_back_is_no_cycle()
    {
        await Silo.Grains.GetGrain<IRelayGrain>("A").PokeFrom("B");

        await Silo.Log.Gate("poked-B");
        Assert.Contains("B heard reached A", Silo.Log.Events);
    }

    [Fact]
    public async Task A_call_that_takes_longer_than_the_timeout_fails_with_TimeoutException()
    {
        var grain = Silo.Grains.GetGrain<IGatedGrain>("slow");
        var call = grain.WaitFor("slow-gate");

        Silo.Time.Advance(TimeSpan.FromSeconds(29));
        Assert.False(call.IsCompleted);
        Silo.Time.Advance(TimeSpan.FromSeconds(1));

        await Assert.ThrowsAsync<TimeoutException>(() => call);
        Silo.Log.Open("slow-gate");
    }

    [Fact]
    public async Task A_call_queued_behind_a_stuck_turn_times_out_too()
    {
        var grain = Silo.Grains.GetGrain<IGatedGrain>("queued-slow");
        var stuck = grain.WaitFor("queued-slow-gate");
        var queued = grain.Record(1);

        Silo.Time.Advance(TimeSpan.FromSeconds(30));

        await Assert.ThrowsAsync<TimeoutException>(() => queued);
        Silo.Log.Open("queued-slow-gate");
        await Assert.ThrowsAsync<TimeoutException>(() => stuck);
    }

    [Fact]
    public async Task A_grain_exception_reaches_the_caller_and_the_grain_goes_on()
    {
        var counter = Silo.Grains.GetGrain<ICounterGrain>("faulty");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => counter.Fail("boom"));

        Assert.Equal("boom", error.Message);
        Assert.Equal(1, await counter.Increment());
    }
}
