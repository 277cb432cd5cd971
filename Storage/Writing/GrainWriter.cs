using Microsoft.Extensions.Logging;

namespace Contact.Storage;

/// <summary>
/// Group commit: one thread with one connection takes every write that arrived while the last
/// transaction was committing and commits them together, so many writers share one fsync.
/// A write whose precondition fails writes nothing and does not disturb its batch; a batch that
/// throws is retried write by write, so one bad write fails alone. A bulk write (a chunk of a
/// calling list) goes last and alone, so the writes that wait beside it are not held behind it.
/// </summary>
internal sealed class GrainWriter : IDisposable
{
    private readonly object gate = new();
    private readonly SqlDialect dialect;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly Thread thread;
    private List<WriteOp> pending = [];
    private WriterSession? session;
    private bool stopping;

    public GrainWriter(SqlDialect dialect, TimeProvider time, ILogger logger, int index)
    {
        this.dialect = dialect;
        this.time = time;
        this.logger = logger;
        thread = new Thread(Run) { IsBackground = true, Name = $"grain-writer-{index}" };
        thread.Start();
    }

    public void Enqueue(WriteOp op)
    {
        lock (gate)
        {
            if (stopping)
            {
                op.Fail(new ObjectDisposedException(nameof(GrainWriter), "Storage is shutting down."));
                return;
            }
            pending.Add(op);
            if (pending.Count == 1) Monitor.Pulse(gate);
        }
    }

    /// <summary>Commits what is pending, then stops.</summary>
    public void Dispose()
    {
        lock (gate)
        {
            stopping = true;
            Monitor.Pulse(gate);
        }
        thread.Join();
        session?.Dispose();
    }

    private void Run()
    {
        while (true)
        {
            List<WriteOp> batch;
            lock (gate)
            {
                while (pending.Count == 0 && !stopping) Monitor.Wait(gate);
                if (pending.Count == 0) return;
                batch = TakeBatch();
            }
            try
            {
                Commit(batch);
            }
            catch (Exception error) when (batch.Count > 1)
            {
                logger.LogWarning(error, "A batch of {Count} writes failed; retrying them one by one", batch.Count);
                foreach (var op in batch) CommitAlone(op);
            }
            catch (Exception error)
            {
                batch[0].Fail(error);
            }
        }
    }

    /// <summary>Every waiting write that is not bulk; when there are none, the first bulk write alone.</summary>
    private List<WriteOp> TakeBatch()
    {
        var bulk = pending.FindIndex(op => op.Bulk);
        if (bulk < 0)
        {
            var all = pending;
            pending = [];
            return all;
        }
        var batch = pending.FindAll(op => !op.Bulk);
        if (batch.Count > 0)
        {
            pending.RemoveAll(op => !op.Bulk);
            return batch;
        }
        var first = pending[bulk];
        pending.RemoveAt(bulk);
        return [first];
    }

    private void CommitAlone(WriteOp op)
    {
        try
        {
            Commit([op]);
        }
        catch (Exception error)
        {
            op.Fail(error);
        }
    }

    private void Commit(List<WriteOp> batch)
    {
        try
        {
            session ??= dialect.OpenWriter();
            var applied = new bool[batch.Count];
            session.Commit(batch, time.GetUtcNow().ToUnixTimeMilliseconds(), applied);
            for (var i = 0; i < batch.Count; i++)
            {
                if (applied[i]) batch[i].Succeed();
                else batch[i].Fail(batch[i].Rejected());
            }
        }
        catch
        {
            // The connection may be broken; the next batch opens a fresh one.
            session?.Dispose();
            session = null;
            throw;
        }
    }
}
