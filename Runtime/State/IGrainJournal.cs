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

    /// <summary>
    /// Writes the staged entries on their own, for events that change no state (a message
    /// notice on an agent's stream). A state write takes them along instead when there is one.
    /// </summary>
    Task WriteAsync();

    Task<IReadOnlyList<JournalEntry>> ReadAsync(long afterSequence, int limit);
}
