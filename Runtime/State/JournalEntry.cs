namespace Contact.Orleans.Runtime;

/// <summary>One appended, never rewritten, entry of a grain's journal; Sequence increases by one per grain.</summary>
public sealed record JournalEntry(long Sequence, string Kind, DateTimeOffset At, string Payload);
