using Contact.Orleans.Runtime;

namespace Contact.Orleans.Tests.TestGrains;

public interface IRelayGrain : IGrainWithStringKey
{
    /// <summary>Calls the first grain of the path with the rest of it; the last one answers.</summary>
    Task<string> Relay(string[] path);
}

public sealed class RelayGrain : Grain, IRelayGrain
{
    public Task<string> Relay(string[] path) =>
        path.Length == 0 ? Task.FromResult($"reached {GrainId.Key}") : GrainFactory.GetGrain<IRelayGrain>(path[0]).Relay(path[1..]);
}
