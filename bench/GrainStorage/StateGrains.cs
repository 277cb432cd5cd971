using Contact.Storage;

namespace Contact.Bench.GrainStorage;

/// <summary>About what an agent keeps: a name, a state, a few lists (serialized to some 300 bytes).</summary>
[GenerateSerializer]
public sealed class BenchState
{
    [Id(0)] public string Name { get; set; } = "Agent with a name of ordinary length";
    [Id(1)] public string State { get; set; } = "Ready";
    [Id(2)] public List<string> Services { get; set; } = ["sales", "support", "billing"];
    [Id(3)] public DateTimeOffset Since { get; set; }
    [Id(4)] public long Writes { get; set; }
    [Id(5)] public string? Reason { get; set; }
}

[Alias("Contact.Bench.IStateWriterGrain")]
public interface IStateWriterGrain : IGrainWithStringKey
{
    /// <summary>Changes the state and writes it; returns when the write is durable.</summary>
    [Alias("Write")]
    Task Write();
}

/// <summary>Writes through the product's storage provider.</summary>
[GrainType("bench-contact-state")]
public sealed class ContactStateGrain([PersistentState("bench", ContactGrainStorage.Name)] IPersistentState<BenchState> state)
    : Grain, IStateWriterGrain
{
    public Task Write() => StateWrites.Next(state);
}

/// <summary>Writes through Microsoft.Orleans.Persistence.AdoNet.</summary>
[GrainType("bench-adonet-state")]
public sealed class AdoNetStateGrain([PersistentState("bench", StockStorage.Name)] IPersistentState<BenchState> state)
    : Grain, IStateWriterGrain
{
    public Task Write() => StateWrites.Next(state);
}

internal static class StateWrites
{
    public static Task Next(IPersistentState<BenchState> state)
    {
        state.State.Writes++;
        state.State.State = state.State.State == "Ready" ? "NotReady" : "Ready";
        state.State.Since = DateTimeOffset.UtcNow;
        return state.WriteStateAsync();
    }
}
