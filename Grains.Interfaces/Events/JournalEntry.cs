namespace Contact.Grains.Interfaces;

/// <summary>
/// One entry of a grain's journal, appended and never rewritten: an agent's event, a chat's
/// transcript line. Sequence increases by one per grain and is the event id on live streams.
/// </summary>
/// <param name="Payload">The entry as JSON (camelCase, enums as strings).</param>
[GenerateSerializer, Immutable, Alias("Contact.JournalEntry")]
public sealed record JournalEntry(long Sequence, string Kind, DateTimeOffset At, string Payload);
