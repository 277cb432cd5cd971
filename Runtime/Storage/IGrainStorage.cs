namespace Contact.Orleans.Runtime.Storage;

public sealed record StoredState(string Payload, long Version);

/// <param name="ExpectedVersion">The version this activation read; null when it read no record.</param>
/// <param name="Journal">Entries written in the same transaction, only if the version matches.</param>
public sealed record StateWrite(GrainId Id, string StateName, string Payload, long? ExpectedVersion, IReadOnlyList<JournalEntry> Journal);

public sealed record ReminderRow(GrainId Id, string Name, DateTimeOffset DueAt, TimeSpan Period);

/// <summary>
/// Everything the runtime keeps on disk: grain state (keyed by grain type, key and state name),
/// grain journals and reminders. Every write is durable when its task completes.
/// </summary>
public interface IGrainStorage : IAsyncDisposable
{
    /// <summary>Creates or migrates the schema, then opens the writers.</summary>
    Task InitializeAsync(IEnumerable<StorageMigration> migrations, CancellationToken cancellationToken);

    Task<StoredState?> ReadStateAsync(GrainId id, string stateName);

    /// <summary>Returns the new version; throws InconsistentStateException when the expected version is stale.</summary>
    Task<long> WriteStateAsync(StateWrite write);

    Task ClearStateAsync(GrainId id, string stateName, long expectedVersion);

    /// <summary>Runs one statement on a domain table in the group commit; see <see cref="RowWrite"/>.</summary>
    Task WriteRowAsync(GrainId id, RowWrite write);

    /// <summary>Appends journal entries that go with no state change.</summary>
    Task AppendJournalAsync(GrainId id, IReadOnlyList<JournalEntry> entries);

    Task<long> ReadJournalHeadAsync(GrainId id);

    Task<IReadOnlyList<JournalEntry>> ReadJournalAsync(GrainId id, long afterSequence, int limit);

    Task UpsertReminderAsync(ReminderRow reminder);

    /// <summary>Deletes the reminder; with <paramref name="dueAt"/>, only if it was not re-registered since.</summary>
    Task DeleteReminderAsync(GrainId id, string name, DateTimeOffset? dueAt = null);

    Task<IReadOnlyList<ReminderRow>> ReadRemindersDueBeforeAsync(DateTimeOffset until);

    /// <summary>A round trip to the database, for readiness checks.</summary>
    Task PingAsync(CancellationToken cancellationToken);
}
