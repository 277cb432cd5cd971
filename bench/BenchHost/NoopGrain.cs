namespace Contact.Bench;

[Alias("Contact.Bench.INoopGrain")]
public interface INoopGrain : IGrainWithStringKey
{
    [Alias("Noop")]
    Task Noop();
}

/// <summary>A grain with nothing of its own: the cost of a call, and what Orleans keeps per activation.</summary>
[GrainType("bench-noop")]
public sealed class NoopGrain : Grain, INoopGrain
{
    public Task Noop() => Task.CompletedTask;
}
