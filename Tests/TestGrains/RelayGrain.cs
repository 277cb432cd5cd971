using Contact.Orleans.Runtime;
using Contact.Orleans.Tests.Support;

namespace Contact.Orleans.Tests.TestGrains;

public interface IRelayGrain : IGrainWithStringKey
{
    /// <summary>Calls the first grain of the path with the rest of it; the last one answers.</summary>
    Task<string> Relay(string[] path);

    /// <summary>Pokes <paramref name="target"/>, which calls this grain back while this turn is still running.</summary>
    Task PokeFrom(string target);

    /// <summary>Calls <paramref name="from"/> back; one-way, so that is no cycle.</summary>
    [OneWay]
    Task Poke(string from);
}

public sealed class RelayGrain(TestLog log) : Grain, IRelayGrain
{
    public Task<string> Relay(string[] path) =>
        path.Length == 0 ? Task.FromResult($"reached {GrainId.Key}") : GrainFactory.GetGrain<IRelayGrain>(path[0]).Relay(path[1..]);

    public Task PokeFrom(string target) => GrainFactory.GetGrain<IRelayGrain>(target).Poke(GrainId.Key);

    public async Task Poke(string from)
    {
        var answer = await GrainFactory.GetGrain<IRelayGrain>(from).Relay([]);
        log.Add($"{GrainId.Key} heard {answer}");
        log.Open($"poked-{GrainId.Key}");
    }
}
