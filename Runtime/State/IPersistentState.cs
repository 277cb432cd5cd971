namespace Contact.Orleans.Runtime;

/// <summary>Orleans' persistent state contract: a versioned value the grain reads and writes.</summary>
public interface IPersistentState<TState> where TState : new()
{
    TState State { get; set; }

    /// <summary>The stored version; null while no record exists.</summary>
    string? Etag { get; }

    bool RecordExists { get; }

    Task ReadStateAsync();

    /// <summary>
    /// Compare-and-swap on the version. When it returns, the state and any journal entries
    /// appended since the last write are on disk together. A stale version throws
    /// <see cref="InconsistentStateException"/> and drops the activation.
    /// </summary>
    Task WriteStateAsync();

    Task ClearStateAsync();
}

[AttributeUsage(AttributeTargets.Parameter)]
public sealed class PersistentStateAttribute(string stateName) : Attribute
{
    public string StateName { get; } = stateName;
}

/// <summary>The stored version was not the one this activation read: someone else wrote it.</summary>
public sealed class InconsistentStateException(string message) : Exception(message);
