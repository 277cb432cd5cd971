using Contact.Tests.Support;
using Contact.Tests.TestGrains;

namespace Contact.Tests.Cluster;

/// <summary>
/// What a silo of a cluster does with a grain call that a leaving silo did not answer: a call
/// that was turned away unrun is sent again; one that may have run is sent again only when its
/// method may run twice ([Idempotent]), and is the caller's to see otherwise.
/// </summary>
public sealed class ResentCallsTests() : SiloTest(DatabaseKind.Postgres)
{
    [Fact]
    public async Task A_call_turned_away_unrun_is_sent_again_whatever_its_method()
    {
        var grain = Silo.Grains.GetGrain<IFlakyGrain>("rejected");
        await grain.FailNext(2, rejected: true);

        Assert.Equal(3, await WhileTheClockRunsAsync(grain.Change()));
    }

    [Fact]
    public async Task An_idempotent_call_that_may_have_run_is_sent_again()
    {
        var grain = Silo.Grains.GetGrain<IFlakyGrain>("lost");
        await grain.FailNext(2, rejected: false);

        Assert.Equal(3, await WhileTheClockRunsAsync(grain.Read()));
    }

    [Fact]
    public async Task Any_other_call_that_may_have_run_fails_for_the_caller_to_see()
    {
        var grain = Silo.Grains.GetGrain<IFlakyGrain>("lost");
        await grain.FailNext(1, rejected: false);

        await Assert.ThrowsAsync<SiloUnavailableException>(() => WhileTheClockRunsAsync(grain.Change()));
        Assert.Equal(2, await grain.Change());
    }

    [Fact]
    public async Task A_call_that_keeps_failing_is_given_up_after_six_tries()
    {
        var grain = Silo.Grains.GetGrain<IFlakyGrain>("gone");
        await grain.FailNext(int.MaxValue, rejected: false);

        await Assert.ThrowsAsync<SiloUnavailableException>(() => WhileTheClockRunsAsync(grain.Read()));
        await grain.FailNext(0, rejected: false);
        Assert.Equal(1, await grain.Read());
    }

    /// <summary>The pauses between tries are on the silo's clock, which the test moves.</summary>
    private async Task<T> WhileTheClockRunsAsync<T>(Task<T> call)
    {
        for (var waited = 0; waited < 1000 && !call.IsCompleted; waited++)
        {
            await Task.Delay(10);
            Silo.Time.Advance(TimeSpan.FromMilliseconds(100));
        }
        return await call;
    }
}
