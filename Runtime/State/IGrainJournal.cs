namespace Contact.Orleans.Runtime;

/// <summary>
/// A grain's append-only log (state history, live events). Appended entries are staged and
/// written in the same transaction as the grain's next state write, then published live.
/// </summary>
public interface IGrainJournal
{
    /// <summary>The sequence of the last entry on disk.</summary>
    long LastSequence { get; }

    JournalEntry Append<TPayload>(string kind, TPayload payload);

    Task<IReadOnlyList<JournalEntry>> ReadAsync(long afterSequence, int limit);
}
