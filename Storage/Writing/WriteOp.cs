using Contact.Grains.Interfaces;
using Orleans.Storage;

namespace Contact.Storage;

/// <summary>
/// One write waiting for its batch: plain data that each dialect's writer session turns into SQL.
/// It completes only after the batch has committed.
/// </summary>
internal abstract class WriteOp(GrainKey id)
{
    private readonly TaskCompletionSource completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public GrainKey Id { get; } = id;
    public Task Completion => completion.Task;

    /// <summary>True for a write that commits alone, behind the others (<see cref="RowWrite.Bulk"/>).</summary>
    public virtual bool Bulk => false;

    /// <summary>The error for a write whose precondition failed, so that nothing was written.</summary>
    public virtual Exception Rejected() => new InvalidOperationException("The write was rejected.");

    public void Succeed() => completion.TrySetResult();
    public void Fail(Exception error) => completion.TrySetException(error);
}

internal sealed class StateWriteOp(StateWrite write) : WriteOp(write.Id)
{
    public StateWrite Write { get; } = write;
    public long NewVersion => (Write.ExpectedVersion ?? 0) + 1;

    public override Exception Rejected() => new InconsistentStateException(
        $"State '{Write.StateName}' of {Id} is no longer at version {Write.ExpectedVersion?.ToString() ?? "(none)"}: another activation wrote it.");
}

internal sealed class JournalAppendOp(GrainKey id, IReadOnlyList<JournalEntry> entries) : WriteOp(id)
{
    public IReadOnlyList<JournalEntry> Entries { get; } = entries;
}

internal sealed class ClearStateOp(GrainKey id, string stateName, long expectedVersion) : WriteOp(id)
{
    public string StateName { get; } = stateName;
    public long ExpectedVersion { get; } = expectedVersion;

    public override Exception Rejected() => new InconsistentStateException(
        $"State '{StateName}' of {Id} is no longer at version {ExpectedVersion}: another activation wrote it.");
}

internal sealed class RowWriteOp(GrainKey id, RowWrite write) : WriteOp(id)
{
    public RowWrite Write { get; } = write;
    public override bool Bulk => Write.Bulk;

    /// <summary>How many of a bulk write's statements (the first, then <see cref="RowWrite.Then"/>) have committed.</summary>
    public int Committed { get; set; }
    public int Statements => 1 + Write.Then.Count;

    /// <summary>Statement <paramref name="index"/> of the write: its own first, then those of <see cref="RowWrite.Then"/>.</summary>
    public (string Sql, IReadOnlyList<object> Values) Statement(int index) =>
        index == 0 ? (Write.Sql, Write.Values) : (Write.Then[index - 1].Sql, Write.Then[index - 1].Values);

    public override Exception Rejected() => new InconsistentStateException(
        $"The row of {Id} is no longer at the version this activation read: another activation wrote it.");
}
