namespace Contact.Storage;

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
    }
}
