using System.Text.Json;

namespace Contact.Storage;

/// <summary>
/// What a PostgreSQL writer announces on <see cref="Channel"/> with each commit that added journal
/// entries: which node wrote them, whose journal, and its newest sequence. PostgreSQL delivers a
/// notification only when its transaction commits, and in commit order, to every node that
/// listens; the entries themselves are read from the journal, so a notice is small and a lost or
/// spurious one costs a read, never an event.
/// </summary>
internal sealed record JournalNotice(string Node, string Type, string Key, long Sequence)
{
    public const string Channel = "contact_journal";

    public string ToPayload() => JsonSerializer.Serialize(this);

    public static JournalNotice? TryParse(string payload)
    {
        try
        {
            return JsonSerializer.Deserialize<JournalNotice>(payload);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
