using Contact.Grains.Interfaces;
using Microsoft.Extensions.Logging;

namespace Contact.Storage;

/// <summary>
/// The database behind the grains, on either dialect: grain state rows, grain journals and the
/// domain's own rows. Reads go to pooled connections; every write goes through a group-commit
/// writer and is durable when its task completes.
/// </summary>
public sealed class GrainDatabase(SqlDialect dialect, IEnumerable<StorageMigration> migrations, TimeProvider time, ILogger<GrainDatabase> logger)
    : IAsyncDisposable
{
    private GrainWriter[] writers = [];

    public SqlDialect Dialect => dialect;

    /// <summary>Creates or migrates the schema, then opens the writers.</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await SchemaMigrator.MigrateAsync(dialect, StorageSchema.Migrations.Concat(migrations), cancellationToken).ConfigureAwait(false);
        writers = Enumerable.Range(0, dialect.WriterCount).Select(i => new GrainWriter(dialect, time, logger, i)).ToArray();
    }

    public async Task<StoredState?> ReadStateAsync(GrainKey id, string stateName) => (await ReadStateAsync(id, stateName, withJournalHead: false)).State;

    /// <summary>A grain's state, and with <paramref name="withJournalHead"/> its journal's head too, in one round trip.</summary>
    public async Task<(StoredState? State, long JournalHead)> ReadStateAsync(GrainKey id, string stateName, bool withJournalHead)
    {
        const string head = "(SELECT COALESCE(MAX(seq), 0) FROM grain_journal WHERE grain_type = @type AND grain_key = @key)";
        await using var connection = await dialect.OpenAsync().ConfigureAwait(false);
        await using var command = connection.Query($"SELECT s.payload, s.version, {(withJournalHead ? head : "0")} FROM (SELECT 1 AS one) AS one " +
            "LEFT JOIN grain_state s ON s.grain_type = @type AND s.grain_key = @key AND s.state_name = @name",
            ("@type", id.Type), ("@key", id.Key), ("@name", stateName));
        await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
        await reader.ReadAsync().ConfigureAwait(false);
        var state = reader.IsDBNull(0) ? null : new StoredState(reader.GetString(0), reader.GetInt64(1));
        return (state, Convert.ToInt64(reader.GetValue(2)));
    }

    /// <summary>Returns the new version; throws InconsistentStateException when the expected version is stale.</summary>
    public async Task<long> WriteStateAsync(StateWrite write)
    {
        var op = new StateWriteOp(write);
        await Submit(op).ConfigureAwait(false);
        return op.NewVersion;
    }

    public Task ClearStateAsync(GrainKey id, string stateName, long expectedVersion) =>
        Submit(new ClearStateOp(id, stateName, expectedVersion));

    /// <summary>Runs one statement on a domain table in the group commit; see <see cref="RowWrite"/>.</summary>
    public Task WriteRowAsync(GrainKey id, RowWrite write) => Submit(new RowWriteOp(id, write));

    /// <summary>Appends journal entries that go with no state change.</summary>
    public Task AppendJournalAsync(GrainKey id, IReadOnlyList<JournalEntry> entries) => Submit(new JournalAppendOp(id, entries));

    public async Task<JournalEntry[]> ReadJournalAsync(GrainKey id, long afterSequence, int limit)
    {
        await using var connection = await dialect.OpenAsync().ConfigureAwait(false);
        await using var command = connection.Query("SELECT seq, kind, at, payload FROM grain_journal WHERE grain_type = @type AND grain_key = @key AND seq > @after " +
            "ORDER BY seq LIMIT @limit",
            ("@type", id.Type), ("@key", id.Key), ("@after", afterSequence), ("@limit", (long)limit));
        await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
        var entries = new List<JournalEntry>();
        while (await reader.ReadAsync().ConfigureAwait(false))
        {
            entries.Add(new JournalEntry(reader.GetInt64(0), reader.GetString(1),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)), reader.GetString(3)));
        }
        return [.. entries];
    }

    /// <summary>A round trip to the database, for readiness checks.</summary>
    public async Task PingAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Query("SELECT 1");
        await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Commits what is pending and closes; the silo's shutdown and the container may both call it.</summary>
    public async ValueTask DisposeAsync()
    {
        var closing = Interlocked.Exchange(ref writers, []);
        if (closing.Length == 0) return;
        foreach (var writer in closing) writer.Dispose();
        await dialect.DisposeAsync().ConfigureAwait(false);
    }

    private Task Submit(WriteOp op)
    {
        if (writers.Length == 0) throw new InvalidOperationException("Storage is not initialized or already closed.");
        writers[(int)((uint)op.Id.GetHashCode() % (uint)writers.Length)].Enqueue(op);
        return op.Completion;
    }
}
