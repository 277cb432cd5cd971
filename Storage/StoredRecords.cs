using System.Collections.Concurrent;
using Contact.Grains.Interfaces;

namespace Contact.Storage;

/// <summary>
/// A grain as its rows name it: its grain type (the <c>[GrainType]</c> name) and its key. Rows are
/// keyed by both, so two grain types with the same key or the same state name never meet.
/// </summary>
public readonly record struct GrainKey(string Type, string Key)
{
    // One string per grain type, not one per activation.
    private static readonly ConcurrentDictionary<GrainType, string> typeNames = new();

    public static GrainKey Of(GrainId id) => new(typeNames.GetOrAdd(id.Type, static type => type.ToString()!), id.Key.ToString()!);

    public override string ToString() => $"{Type}/{Key}";
}

public sealed record StoredState(string Payload, long Version);

/// <param name="ExpectedVersion">The version this activation read; null when it read no record.</param>
/// <param name="Journal">Entries written in the same transaction, only if the version matches.</param>
public sealed record StateWrite(GrainKey Id, string StateName, string Payload, long? ExpectedVersion, IReadOnlyList<JournalEntry> Journal);
