using Contact.Grains.Interfaces;

namespace Contact.Tests.TestGrains;

/// <summary>
/// Answers as a grain on a silo that is going away would: the first calls fail with what Orleans
/// throws then, as if the call had run on the lost silo (SiloUnavailableException) or had been
/// turned away unrun (OrleansMessageRejectionException).
/// </summary>
[Alias("Contact.Tests.IFlakyGrain")]
public interface IFlakyGrain : IGrainWithStringKey
{
    /// <summary>Fails the next <paramref name="times"/> calls of the two methods below.</summary>
    [Alias("FailNext")]
    Task FailNext(int times, bool rejected);

    /// <summary>How many times the grain was called since <see cref="FailNext"/>.</summary>
    [Idempotent]
    [Alias("Read")]
    Task<int> Read();

    [Alias("Change")]
    Task<int> Change();
}

[GrainType("test-flaky")]
public sealed class FlakyGrain : Grain, IFlakyGrain
{
    private int failuresLeft, calls;
    private bool rejected;

    public Task FailNext(int times, bool rejected)
    {
        failuresLeft = times;
        calls = 0;
        this.rejected = rejected;
        return Task.CompletedTask;
    }

    public Task<int> Read() => Answer();

    public Task<int> Change() => Answer();

    private Task<int> Answer()
    {
        calls++;
        if (failuresLeft-- > 0)
        {
            throw rejected ? Rejection("the silo is stopping") : new SiloUnavailableException("the silo was lost");
        }
        return Task.FromResult(calls);
    }

    // Orleans makes its rejections itself: the constructor is not public.
    private static OrleansMessageRejectionException Rejection(string message) =>
        (OrleansMessageRejectionException)Activator.CreateInstance(typeof(OrleansMessageRejectionException),
            System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance, null, [message], null)!;
}
