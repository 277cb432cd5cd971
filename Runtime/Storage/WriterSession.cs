using System.Data;
using System.Data.Common;

namespace Contact.Orleans.Runtime.Storage;

/// <summary>A writer's connection with its statements prepared once and reused for every batch.</summary>
internal sealed class WriterSession : IDisposable
{
    private readonly DbConnection connection;
    private readonly DbCommand[] commands;
    private readonly DbCommand insertState, updateState, deleteState, insertJournal, upsertReminder, deleteReminder;

    public WriterSession(SqlDialect dialect)
    {
        connection = dialect.OpenWriter();
        insertState = Command(
            "INSERT INTO grain_state (grain_type, grain_key, state_name, payload, version, updated_at) " +
            "VALUES (@type, @key, @name, @payload, 1, @now) ON CONFLICT DO NOTHING",
            ("@type", DbType.String), ("@key", DbType.String), ("@name", DbType.String), ("@payload", DbType.String), ("@now", DbType.Int64));
        updateState = Command(
            "UPDATE grain_state SET payload = @payload, version = version + 1, updated_at = @now " +
            "WHERE grain_type = @type AND grain_key = @key AND state_name = @name AND version = @version",
            ("@payload", DbType.String), ("@now", DbType.Int64), ("@type", DbType.String), ("@key", DbType.String), ("@name", DbType.String), ("@version", DbType.Int64));
        deleteState = Command(
            "DELETE FROM grain_state WHERE grain_type = @type AND grain_key = @key AND state_name = @name AND version = @version",
            ("@type", DbType.String), ("@key", DbType.String), ("@name", DbType.String), ("@version", DbType.Int64));
        insertJournal = Command(
            "INSERT INTO grain_journal (grain_type, grain_key, seq, kind, at, payload) VALUES (@type, @key, @seq, @kind, @at, @payload)",
            ("@type", DbType.String), ("@key", DbType.String), ("@seq", DbType.Int64), ("@kind", DbType.String), ("@at", DbType.Int64), ("@payload", DbType.String));
        upsertReminder = Command(
            "INSERT INTO reminders (grain_type, grain_key, name, due_at, period_ms) VALUES (@type, @key, @name, @due, @period) " +
            "ON CONFLICT (grain_type, grain_key, name) DO UPDATE SET due_at = excluded.due_at, period_ms = excluded.period_ms",
            ("@type", DbType.String), ("@key", DbType.String), ("@name", DbType.String), ("@due", DbType.Int64), ("@period", DbType.Int64));
        // A due time of -1 deletes whatever is there; any other value only the reminder still due then.
        deleteReminder = Command(
            "DELETE FROM reminders WHERE grain_type = @type AND grain_key = @key AND name = @name AND (@due = -1 OR due_at = @due)",
            ("@type", DbType.String), ("@key", DbType.String), ("@name", DbType.String), ("@due", DbType.Int64));
        commands = [insertState, updateState, deleteState, insertJournal, upsertReminder, deleteReminder];
    }

    public DbTransaction Begin()
    {
        var transaction = connection.BeginTransaction();
        foreach (var command in commands) command.Transaction = transaction;
        return transaction;
    }

    public int InsertState(GrainId id, string name, string payload, long now) =>
        Run(insertState, id.Type, id.Key, name, payload, now);

    public int UpdateState(GrainId id, string name, string payload, long now, long version) =>
        Run(updateState, payload, now, id.Type, id.Key, name, version);

    public int DeleteState(GrainId id, string name, long version) =>
        Run(deleteState, id.Type, id.Key, name, version);

    public void InsertJournal(GrainId id, JournalEntry entry) =>
        Run(insertJournal, id.Type, id.Key, entry.Sequence, entry.Kind, entry.At.ToUnixTimeMilliseconds(), entry.Payload);

    public void UpsertReminder(ReminderRow reminder) =>
        Run(upsertReminder, reminder.Id.Type, reminder.Id.Key, reminder.Name,
            reminder.DueAt.ToUnixTimeMilliseconds(), (long)reminder.Period.TotalMilliseconds);

    public void DeleteReminder(GrainId id, string name, DateTimeOffset? dueAt) =>
        Run(deleteReminder, id.Type, id.Key, name, dueAt?.ToUnixTimeMilliseconds() ?? -1L);

    public void Dispose()
    {
        foreach (var command in commands) command.Dispose();
        connection.Dispose();
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
