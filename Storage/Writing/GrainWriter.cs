using Microsoft.Extensions.Logging;

namespace Contact.Storage;

/// <summary>
/// Group commit: one thread with one connection takes every write that arrived while the last
/// transaction was committing and commits them together, so many writers share one fsync.
/// A write whose precondition fails writes nothing and does not disturb its batch; a batch that
/// throws is retried write by write, so one bad write fails alone. A bulk write (a chunk of a
/// calling list) goes last and alone, and gives way to writes that arrive while it runs.
/// </summary>
internal sealed class GrainWriter : IDisposable
{
    private readonly object gate = new();
    private readonly SqlDialect dialect;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly Thread thread;
    private List<WriteOp> pending = [];
    // Writes in pending that are not bulk; a bulk write that is running reads it to give way.
    private int waiting;
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
            if (!op.Bulk) waiting++;
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
            if (batch is [RowWriteOp { Bulk: true } bulk])
            {
                CommitBulk(bulk);
                continue;
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
        if (waiting == 0)
        {
            var first = pending[0];
            pending.RemoveAt(0);
            return [first];
        }
        waiting = 0;
        if (!pending.Exists(op => op.Bulk))
        {
            var all = pending;
            pending = [];
            return all;
        }
        var batch = pending.FindAll(op => !op.Bulk);
        pending.RemoveAll(op => !op.Bulk);
        return batch;
    }

    /// <summary>Commits a bulk write in one or more parts; when it gave way, it goes back first in the queue.</summary>
    private void CommitBulk(RowWriteOp bulk)
    {
        try
        {
            session ??= dialect.OpenWriter();
            if (session.CommitBulk(bulk, time.GetUtcNow().ToUnixTimeMilliseconds(), () => Volatile.Read(ref waiting) > 0))
            {
                bulk.Succeed();
                return;
            }
            lock (gate) pending.Insert(0, bulk);
        }
        catch (Exception error)
        {
            CloseSession();
            bulk.Fail(error);
        }
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
            CloseSession();
            throw;
        }
    }

    /// <summary>After a failed commit the connection may be broken; the next batch opens a fresh one.</summary>
    private void CloseSession()
    {
        session?.Dispose();
        session = null;
    }
}
