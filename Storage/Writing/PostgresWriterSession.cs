using Contact.Grains.Interfaces;
using Npgsql;

namespace Contact.Storage;

/// <summary>
/// PostgreSQL is a round trip away, so a batch goes as one NpgsqlBatch inside one transaction,
/// one statement per write. A state write with journal entries is a single statement: a
/// data-modifying CTE updates (or inserts) the state and inserts the entries only when the
/// version matched, so the count of inserted entries says whether the write happened. Follow-up
/// statements of row writes (<see cref="RowWrite.Then"/>) need those counts first, so they go in a
/// second batch in the same transaction. A batch that adds journal entries also notifies the nodes
/// that listen (<see cref="JournalNotice"/>), in the same transaction, so the notices go out
/// when, and only if, it commits; one for a write whose version check failed only wakes a reader.
/// </summary>
internal sealed class PostgresWriterSession(NpgsqlConnection connection, string node) : WriterSession
{
    private const string Journal =
        " INSERT INTO grain_journal (grain_type, grain_key, seq, kind, at, payload)" +
        " SELECT $1, $2, j.seq, j.kind, j.at, j.payload FROM s," +
        " unnest($6::bigint[], $7::text[], $8::bigint[], $9::text[]) AS j(seq, kind, at, payload)";

    private const string JournalOnly =
        "INSERT INTO grain_journal (grain_type, grain_key, seq, kind, at, payload)" +
        " SELECT $1, $2, j.seq, j.kind, j.at, j.payload" +
        " FROM unnest($3::bigint[], $4::text[], $5::bigint[], $6::text[]) AS j(seq, kind, at, payload)";

    // The expected version comes after the journal's four arrays when there are any.
    private const string Update =
        "UPDATE grain_state SET payload = $4, version = version + 1, updated_at = $5 " +
        "WHERE grain_type = $1 AND grain_key = $2 AND state_name = $3 AND version = ";

    private const string Insert =
        "INSERT INTO grain_state (grain_type, grain_key, state_name, payload, version, updated_at) " +
        "VALUES ($1, $2, $3, $4, 1, $5) ON CONFLICT DO NOTHING";

    private const string Notify = "SELECT pg_notify('" + JournalNotice.Channel + "', n) FROM unnest($1::text[]) AS n";

    public override void Commit(IReadOnlyList<WriteOp> batch, long now, bool[] applied)
    {
        using var transaction = connection.BeginTransaction();
        using var commands = new NpgsqlBatch(connection, transaction);
        foreach (var op in batch) commands.BatchCommands.Add(ToCommand(op, now));
        // After the writes, so their indexes stay those of the batch.
        if (Notices(batch) is { Length: > 0 } notices)
        {
            var notify = new NpgsqlBatchCommand(Notify);
            notify.Parameters.Add(new NpgsqlParameter { Value = notices });
            commands.BatchCommands.Add(notify);
        }
        commands.ExecuteNonQuery();
        for (var i = 0; i < batch.Count; i++)
        {
            var affected = commands.BatchCommands[i].RecordsAffected;
            applied[i] = batch[i] switch
            {
                StateWriteOp { Write.Journal.Count: var entries } => affected == Math.Max(1, entries),
                ClearStateOp => affected == 1,
                RowWriteOp { Write.Checked: true } => affected == 1,
                _ => true,
            };
        }
        RunFollowUps(batch, applied, transaction);
        transaction.Commit();
    }

    public override void Dispose() => connection.Dispose();

    private string[] Notices(IReadOnlyList<WriteOp> batch)
    {
        var journals = new List<JournalNotice.Journal>();
        foreach (var op in batch)
        {
            if (op is StateWriteOp { Write.Journal.Count: > 0 } or JournalAppendOp) journals.Add(new JournalNotice.Journal(op.Id.Type, op.Id.Key));
        }
        return journals.Count == 0 ? [] : [.. JournalNotice.Payloads(node, journals)];
    }

    /// <summary>A second round trip, only for row writes that applied and carry follow-up statements.</summary>
    private void RunFollowUps(IReadOnlyList<WriteOp> batch, bool[] applied, NpgsqlTransaction transaction)
    {
        var statements = batch
            .Where((op, i) => applied[i])
            .SelectMany(op => op is RowWriteOp { Write.Then: var then } ? then : [])
            .ToList();
        // Most batches have none: then no batch object and no round trip.
        if (statements.Count == 0) return;
        using var followUps = new NpgsqlBatch(connection, transaction);
        foreach (var statement in statements)
        {
            var command = new NpgsqlBatchCommand(statement.Sql);
            Add(command, [.. statement.Values]);
            followUps.BatchCommands.Add(command);
        }
        followUps.ExecuteNonQuery();
    }

    private static NpgsqlBatchCommand ToCommand(WriteOp op, long now)
    {
        var id = op.Id;
        switch (op)
        {
            case StateWriteOp { Write: var write }:
                var state = write.ExpectedVersion is null ? Insert : Update + (write.Journal.Count == 0 ? "$6" : "$10");
                var command = new NpgsqlBatchCommand(write.Journal.Count == 0
                    ? state
                    : $"WITH s AS ({state} RETURNING 1){Journal}");
                Add(command, id.Type, id.Key, write.StateName, write.Payload, now);
                if (write.Journal.Count > 0) AddJournal(command, write.Journal);
                if (write.ExpectedVersion is { } expected) Add(command, expected);
                return command;
            case RowWriteOp { Write: var row }:
                var rowCommand = new NpgsqlBatchCommand(row.Sql);
                Add(rowCommand, [.. row.Values]);
                return rowCommand;
            case JournalAppendOp append:
                var appendCommand = new NpgsqlBatchCommand(JournalOnly);
                Add(appendCommand, id.Type, id.Key);
                AddJournal(appendCommand, append.Entries);
                return appendCommand;
            case ClearStateOp clear:
                return Named(Sql.DeleteState, ("type", id.Type), ("key", id.Key), ("name", clear.StateName), ("version", clear.ExpectedVersion));
            default:
                throw new NotSupportedException(op.GetType().Name);
        }
    }

    private static void AddJournal(NpgsqlBatchCommand command, IReadOnlyList<JournalEntry> entries) =>
        Add(command,
            entries.Select(e => e.Sequence).ToArray(),
            entries.Select(e => e.Kind).ToArray(),
            entries.Select(e => e.At.ToUnixTimeMilliseconds()).ToArray(),
            entries.Select(e => e.Payload).ToArray());

    private static void Add(NpgsqlBatchCommand command, params object[] values)
    {
        foreach (var value in values) command.Parameters.Add(new NpgsqlParameter { Value = value });
    }

    private static NpgsqlBatchCommand Named(string sql, params (string Name, object Value)[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        return command;
    }
}
