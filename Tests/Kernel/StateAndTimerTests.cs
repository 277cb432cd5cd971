using Contact.Orleans.Runtime;
using Contact.Orleans.Tests.Support;
using Contact.Orleans.Tests.TestGrains;

namespace Contact.Orleans.Tests.Kernel;

public sealed class StateAndTimerTests : SiloTest
{
    [Fact]
    public async Task A_stale_write_throws_InconsistentStateException_and_the_next_call_reloads()
    {
        // Two silos on one database: the second activation of the same grain is the duplicate.
        await using var other = await TestSilo.StartAsync(Database);
        var here = Silo.Grains.GetGrain<IValueGrain>("contested");
        var there = other.Grains.GetGrain<IValueGrain>("contested");
        await here.Set("first");
        Assert.Equal("first", await there.Get());
        await here.Set("second");

        await Assert.ThrowsAsync<InconsistentStateException>(() => there.Set("lost"));

        await other.Runtime.WhenDeactivated(new GrainId("test-value", "contested"));
        Assert.Equal("second", await there.Get());
        await there.Set("third");
        Assert.Equal("3", await there.Etag());
        var journal = await Silo.Storage.ReadJournalAsync(new GrainId("test-value", "contested"), 0, 10);
        Assert.Equal(["{\"value\":\"first\"}", "{\"value\":\"second\"}", "{\"value\":\"third\"}"], journal.Select(e => e.Payload));
    }

    [Fact]
    public async Task State_survives_a_restart_and_the_etag_is_the_version()
    {
        var grain = Silo.Grains.GetGrain<IValueGrain>("durable");
        Assert.Null(await grain.Etag());
        await grain.Set("one");
        await grain.Set("two");
        Assert.Equal("2", await grain.Etag());

        await RestartAsync();

        Assert.Equal("two", await Silo.Grains.GetGrain<IValueGrain>("durable").Get());
    }

    [Fact]
    public async Task Clearing_state_removes_the_record()
    {
        var grain = Silo.Grains.GetGrain<IValueGrain>("cleared");
        await grain.Set("gone soon");

        await grain.Clear();

        Assert.Null(await Silo.Storage.ReadStateAsync(new GrainId("test-value", "cleared"), "value"));
        Assert.Equal("", await grain.Get());
    }

    [Fact]
    public async Task A_timer_ticks_as_turns_until_it_is_disposed()
    {
        var ticker = Silo.Grains.GetGrain<ITickerGrain>("ticker");
        await ticker.Start(TimeSpan.FromSeconds(10));

        for (var i = 0; i < 3; i++)
        {
            Silo.Time.Advance(TimeSpan.FromSeconds(10));
            await WaitForTicks(ticker, i + 1);
        }
        await ticker.Stop();
        Silo.Time.Advance(TimeSpan.FromMinutes(5));

        Assert.Equal(3, await ticker.Ticks());
    }

    [Fact]
    public async Task A_timer_dies_with_its_activation()
    {
        var ticker = Silo.Grains.GetGrain<ITickerGrain>("mortal");
        await ticker.Start(TimeSpan.FromSeconds(10));
        await ticker.Deactivate();
        await Silo.Runtime.WhenDeactivated(new GrainId("test-ticker", "mortal"));

        Silo.Time.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(0, await ticker.Ticks());
    }

    // The tick is queued as a turn when the clock moves; a call queued after it sees its effect.
    private static async Task WaitForTicks(ITickerGrain ticker, int expected) =>
        Assert.Equal(expected, await ticker.Ticks());
}
