using Microsoft.Extensions.Logging;

namespace Contact.Orleans.Runtime.Storage;

/// <summary>The ADO.NET storage for both dialects: reads on pooled connections, writes through group-commit writers.</summary>
public sealed class AdoGrainStorage(SqlDialect dialect, TimeProvider time, ILogger<AdoGrainStorage> logger) : IGrainStorage
{
    private GrainWriter[] writers = [];

    public SqlDialect Dialect => dialect;

    public async Task InitializeAsync(IEnumerable<StorageMigration> migrations, CancellationToken cancellationToken)
    {
        await SchemaMigrator.MigrateAsync(dialect, RuntimeSchema.Migrations.Concat(migrations), cancellationToken).ConfigureAwait(false);
        writers = Enumerable.Range(0, dialect.WriterCount).Select(i => new GrainWriter(dialect, time, logger, i)).ToArray();
    }

    public async Task<StoredState?> ReadStateAsync(GrainId id, string stateName)
    {
        await using var connection = await dialect.OpenAsync().ConfigureAwait(false);
        await using var command = connection.Query("SELECT payload, version FROM grain_state WHERE grain_type = @type AND grain_key = @key AND state_name = @name",
            ("@type", id.Type), ("@key", id.Key), ("@name", stateName));
        await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
        return await reader.ReadAsync().ConfigureAwait(false) ? new StoredState(reader.GetString(0), reader.GetInt64(1)) : null;
    }

    public async Task<long> WriteStateAsync(StateWrite write)
    {
        var op = new StateWriteOp(write);
        await Submit(op).ConfigureAwait(false);
        return op.NewVersion;
    }

    public Task ClearStateAsync(GrainId id, string stateName, long expectedVersion) =>
        Submit(new ClearStateOp(id, stateName, expectedVersion));

    public Task WriteRowAsync(GrainId id, RowWrite write) => Submit(new RowWriteOp(id, write));

    public Task AppendJournalAsync(GrainId id, IReadOnlyList<JournalEntry> entries) => Submit(new JournalAppendOp(id, entries));

    public async Task<long> ReadJournalHeadAsync(GrainId id)
    {
        await using var connection = await dialect.OpenAsync().ConfigureAwait(false);
        await using var command = connection.Query("SELECT COALESCE(MAX(seq), 0) FROM grain_journal WHERE grain_type = @type AND grain_key = @key",
            ("@type", id.Type), ("@key", id.Key));
        return Convert.ToInt64(await command.ExecuteScalarAsync().ConfigureAwait(false));
    }

    public async Task<IReadOnlyList<JournalEntry>> ReadJournalAsync(GrainId id, long afterSequence, int limit)
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
        return entries;
    }

    public Task UpsertReminderAsync(ReminderRow reminder) => Submit(new UpsertReminderOp(reminder));

    public Task DeleteReminderAsync(GrainId id, string name, DateTimeOffset? dueAt = null) =>
        Submit(new DeleteReminderOp(id, name, dueAt));

    public async Task<IReadOnlyList<ReminderRow>> ReadRemindersDueBeforeAsync(DateTimeOffset until)
    {
        await using var connection = await dialect.OpenAsync().ConfigureAwait(false);
        await using var command = connection.Query("SELECT grain_type, grain_key, name, due_at, period_ms FROM reminders WHERE due_at < @until",
            ("@until", until.ToUnixTimeMilliseconds()));
        await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
        var reminders = new List<ReminderRow>();
        while (await reader.ReadAsync().ConfigureAwait(false))
        {
            reminders.Add(new ReminderRow(new GrainId(reader.GetString(0), reader.GetString(1)), reader.GetString(2),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3)), TimeSpan.FromMilliseconds(reader.GetInt64(4))));
        }
        return reminders;
    }

    public async Task PingAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.Query("SELECT 1");
        await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Commits what is pending and closes; the runtime's shutdown and the container may both call it.</summary>
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
