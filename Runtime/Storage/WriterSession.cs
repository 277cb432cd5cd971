namespace Contact.Orleans.Runtime.Storage;

/// <summary>A writer thread's connection: commits a batch of writes in one transaction.</summary>
internal abstract class WriterSession : IDisposable
{
    /// <summary>
    /// Runs every write of the batch and commits. <paramref name="applied"/>[i] is false when
    /// write i found its precondition false and wrote nothing; the others are committed.
    /// </summary>
    public abstract void Commit(IReadOnlyList<WriteOp> batch, long now, bool[] applied);

    public abstract void Dispose();

    /// <summary>The statements both dialects share, text only; parameters differ in form.</summary>
    protected static class Sql
    {
        public const string DeleteState =
            "DELETE FROM grain_state WHERE grain_type = @type AND grain_key = @key AND state_name = @name AND version = @version";

        // A due time of -1 deletes whatever is there; any other value only the reminder still due then.
        public const string DeleteReminder =
            "DELETE FROM reminders WHERE grain_type = @type AND grain_key = @key AND name = @name AND (@due = -1 OR due_at = @due)";

        public const string UpsertReminder =
            "INSERT INTO reminders (grain_type, grain_key, name, due_at, period_ms) VALUES (@type, @key, @name, @due, @period) " +
            "ON CONFLICT (grain_type, grain_key, name) DO UPDATE SET due_at = excluded.due_at, period_ms = excluded.period_ms";
    }
}
