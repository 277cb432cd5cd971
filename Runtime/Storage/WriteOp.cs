namespace Contact.Orleans.Runtime.Storage;

/// <summary>One write waiting for its batch. It completes only after the batch has committed.</summary>
internal abstract class WriteOp(GrainId id)
{
    private readonly TaskCompletionSource completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public GrainId Id { get; } = id;
    public Task Completion => completion.Task;

    /// <summary>Runs the statements; false when a precondition failed and nothing was written.</summary>
    public abstract bool Apply(WriterSession session, long now);

    public virtual Exception Rejected() => new InvalidOperationException("The write was rejected.");

    public void Succeed() => completion.TrySetResult();
    public void Fail(Exception error) => completion.TrySetException(error);
}

internal sealed class StateWriteOp(StateWrite write) : WriteOp(write.Id)
{
    public long NewVersion { get; private set; }

    public override bool Apply(WriterSession session, long now)
    {
        var written = write.ExpectedVersion is { } expected
            ? session.UpdateState(Id, write.StateName, write.Payload, now, expected)
            : session.InsertState(Id, write.StateName, write.Payload, now);
        if (written == 0) return false;
        foreach (var entry in write.Journal) session.InsertJournal(Id, entry);
        NewVersion = (write.ExpectedVersion ?? 0) + 1;
        return true;
    }

    public override Exception Rejected() => new InconsistentStateException(
        $"State '{write.StateName}' of {Id} is no longer at version {write.ExpectedVersion?.ToString() ?? "(none)"}: another activation wrote it.");
}

internal sealed class ClearStateOp(GrainId id, string stateName, long expectedVersion) : WriteOp(id)
{
    public override bool Apply(WriterSession session, long now) => session.DeleteState(Id, stateName, expectedVersion) > 0;

    public override Exception Rejected() => new InconsistentStateException(
        $"State '{stateName}' of {Id} is no longer at version {expectedVersion}: another activation wrote it.");
}

internal sealed class UpsertReminderOp(ReminderRow reminder) : WriteOp(reminder.Id)
{
    public override bool Apply(WriterSession session, long now)
    {
        session.UpsertReminder(reminder);
        return true;
    }
}

internal sealed class DeleteReminderOp(GrainId id, string name, DateTimeOffset? dueAt) : WriteOp(id)
{
    public override bool Apply(WriterSession session, long now)
    {
        session.DeleteReminder(Id, name, dueAt);
        return true;
    }
}
