using System.Data;
using System.Data.Common;
using Contact.Grains.Interfaces;

namespace Contact.Storage;

/// <summary>
/// SQLite runs in the process, so a statement costs no round trip: each write is a few
/// prepared statements, checked one by one, inside the batch's transaction.
/// </summary>
internal sealed class SqliteWriterSession : WriterSession
{
    private readonly DbConnection connection;
    private readonly DbCommand[] commands;
    // Domain statements, prepared once per distinct text; there are a handful of them.
    private readonly Dictionary<string, DbCommand> rowCommands = [];
    private DbTransaction? transaction;
    private readonly DbCommand insertState, updateState, deleteState, insertJournal;

    public SqliteWriterSession(DbConnection connection)
    {
        this.connection = connection;
        insertState = Command(
            "INSERT INTO grain_state (grain_type, grain_key, state_name, payload, version, updated_at) " +
            "VALUES (@type, @key, @name, @payload, 1, @now) ON CONFLICT DO NOTHING",
            ("@type", DbType.String), ("@key", DbType.String), ("@name", DbType.String), ("@payload", DbType.String), ("@now", DbType.Int64));
        updateState = Command(
            "UPDATE grain_state SET payload = @payload, version = version + 1, updated_at = @now " +
            "WHERE grain_type = @type AND grain_key = @key AND state_name = @name AND version = @version",
            ("@payload", DbType.String), ("@now", DbType.Int64), ("@type", DbType.String), ("@key", DbType.String), ("@name", DbType.String), ("@version", DbType.Int64));
        deleteState = Command(Sql.DeleteState,
            ("@type", DbType.String), ("@key", DbType.String), ("@name", DbType.String), ("@version", DbType.Int64));
        insertJournal = Command(
            "INSERT INTO grain_journal (grain_type, grain_key, seq, kind, at, payload) VALUES (@type, @key, @seq, @kind, @at, @payload)",
            ("@type", DbType.String), ("@key", DbType.String), ("@seq", DbType.Int64), ("@kind", DbType.String), ("@at", DbType.Int64), ("@payload", DbType.String));
        commands = [insertState, updateState, deleteState, insertJournal];
    }

    public override void Commit(IReadOnlyList<WriteOp> batch, long now, bool[] applied)
    {
        using (transaction = connection.BeginTransaction())
        {
            foreach (var command in commands.Concat(rowCommands.Values)) command.Transaction = transaction;
            for (var i = 0; i < batch.Count; i++) applied[i] = Apply(batch[i], now);
            transaction.Commit();
        }
    }

    public override bool CommitBulk(RowWriteOp bulk, long now, Func<bool> othersWaiting)
    {
        var next = bulk.Committed;
        using (transaction = connection.BeginTransaction())
        {
            do
            {
                var (sql, values) = bulk.Statement(next);
                Run(RowCommand(sql, values), [.. values]);
                next++;
            }
            // Asking costs a volatile read; every 32 rows keeps it out of the profile.
            while (next < bulk.Statements && (next % 32 != 0 || !othersWaiting()));
            transaction.Commit();
        }
        bulk.Committed = next;
        return next == bulk.Statements;
    }

    public override void Dispose()
    {
        foreach (var command in commands.Concat(rowCommands.Values)) command.Dispose();
        connection.Dispose();
    }

    private bool Apply(WriteOp op, long now)
    {
        var id = op.Id;
        switch (op)
        {
            case StateWriteOp { Write: var write }:
                var written = write.ExpectedVersion is { } expected
                    ? Run(updateState, write.Payload, now, id.Type, id.Key, write.StateName, expected)
                    : Run(insertState, id.Type, id.Key, write.StateName, write.Payload, now);
                if (written == 0) return false;
                InsertJournal(id, write.Journal);
                return true;
            case RowWriteOp { Write: var row }:
                var changed = Run(RowCommand(row.Sql, row.Values), [.. row.Values]);
                if (row.Checked && changed != 1) return false;
                foreach (var then in row.Then) Run(RowCommand(then.Sql, then.Values), [.. then.Values]);
                return true;
            case JournalAppendOp append:
                InsertJournal(id, append.Entries);
                return true;
            case ClearStateOp clear:
                return Run(deleteState, id.Type, id.Key, clear.StateName, clear.ExpectedVersion) > 0;
            default:
                throw new NotSupportedException(op.GetType().Name);
        }
    }

    private void InsertJournal(GrainKey id, IReadOnlyList<JournalEntry> entries)
    {
        foreach (var entry in entries)
        {
            Run(insertJournal, id.Type, id.Key, entry.Sequence, entry.Kind, entry.At.ToUnixTimeMilliseconds(), entry.Payload);
        }
    }

    private DbCommand RowCommand(string sql, IReadOnlyList<object> values)
    {
        if (!rowCommands.TryGetValue(sql, out var command))
        {
            command = connection.CreateCommand();
            command.CommandText = sql;
            for (var i = 1; i <= values.Count; i++) command.AddParameter("$" + i, values[i - 1] is string ? DbType.String : DbType.Int64);
            command.Prepare();
            rowCommands[sql] = command;
        }
        command.Transaction = transaction;
        return command;
    }

    private DbCommand Command(string sql, params (string Name, DbType Type)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, type) in parameters) command.AddParameter(name, type);
        command.Prepare();
        return command;
    }

    private static int Run(DbCommand command, params object[] values)
    {
        for (var i = 0; i < values.Length; i++) command.Parameters[i].Value = values[i];
        return command.ExecuteNonQuery();
    }
}
