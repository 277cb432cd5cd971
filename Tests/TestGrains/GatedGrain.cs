using Contact.Orleans.Runtime;
using Contact.Orleans.Tests.Support;

namespace Contact.Orleans.Tests.TestGrains;

public interface IGatedGrain : IGrainWithStringKey
{
    /// <summary>Holds the turn until the test opens the gate.</summary>
    Task WaitFor(string gate);
    Task Record(int value);
    Task<IReadOnlyList<int>> Recorded();
}

public sealed class GatedGrain(TestLog log) : Grain, IGatedGrain
{
    private readonly List<int> recorded = [];

    public Task WaitFor(string gate) => log.Gate(gate);

    public Task Record(int value)
    {
        recorded.Add(value);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<int>> Recorded() => Task.FromResult<IReadOnlyList<int>>([.. recorded]);
}
