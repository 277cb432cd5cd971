namespace Contact.Storage;

/// <summary>A writer thread's connection: commits a batch of writes in one transaction.</summary>
internal abstract class WriterSession : IDisposable
{
    /// <summary>
    /// Runs every write of the batch and commits. <paramref name="applied"/>[i] is false when
    /// write i found its precondition false and wrote nothing; the others are committed.
    /// </summary>
    public abstract void Commit(IReadOnlyList<WriteOp> batch, long now, bool[] applied);

    /// <summary>
    /// Runs a bulk write's statements from <see cref="RowWriteOp.Committed"/> on, in one
    /// transaction, and may stop early to commit once <paramref name="othersWaiting"/> says that
    /// writes are queued behind it. Returns true when every statement has committed. A
    /// connection a round trip away cannot stop between statements, so it runs them all.
    /// </summary>
    public virtual bool CommitBulk(RowWriteOp bulk, long now, Func<bool> othersWaiting)
    {
        var applied = new bool[1];
        Commit([bulk], now, applied);
        bulk.Committed = bulk.Statements;
        return true;
    }

    public abstract void Dispose();

    /// <summary>The statements both dialects share, text only; parameters differ in form.</summary>
    protected static class Sql
    {
        public const string DeleteState =
            "DELETE FROM grain_state WHERE grain_type = @type AND grain_key = @key AND state_name = @name AND version = @version";
    }
}
