using Contact.Grains.Interfaces;

namespace Contact.Storage;

/// <summary>
/// A grain's append-only log (state history, transcript, live events). Appended entries are
/// staged and written in the same transaction as the grain's next state write, then published
/// live; a grain gets one through a constructor parameter marked <see cref="JournalAttribute"/>.
/// </summary>
public interface IGrainJournal
{
    /// <summary>The sequence of the last entry on disk.</summary>
    long LastSequence { get; }

    /// <summary>Stages an entry whose payload is serialized as JSON.</summary>
    JournalEntry Append<TPayload>(string kind, TPayload payload);

    /// <summary>Stages an entry whose payload is JSON already.</summary>
    JournalEntry AppendJson(string kind, string json);

    /// <summary>
    /// Writes the staged entries on their own, for events that change no state (a message
    /// notice on an agent's stream). A state write takes them along instead when there is one.
    /// </summary>
    Task WriteAsync();

    Task<JournalEntry[]> ReadAsync(long afterSequence, int limit);
}
