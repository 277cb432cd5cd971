using System.Text.Json;
using System.Text.Json.Serialization;

namespace Contact.Storage;

/// <summary>
/// What a PostgreSQL writer announces on <see cref="Channel"/> with each commit that added journal
/// entries: which node wrote them, and whose journals they extended. PostgreSQL delivers a
/// notification only when its transaction commits, and in commit order, to every node that
/// listens; the entries themselves are read from the journal, so a notice is small and a lost or
/// spurious one costs a read, never an event. One notice per commit, or a few for a commit that
/// extended very many journals: each notification costs the server and every listener the same.
/// </summary>
internal sealed record JournalNotice(
    [property: JsonPropertyName("n")] string Node,
    [property: JsonPropertyName("j")] JournalNotice.Journal[] Journals)
{
    public const string Channel = "contact_journal";

    // PostgreSQL takes payloads under 8,000 bytes; a journal is budgeted as if every character
    // were escaped (\uXXXX), so a notice stays under the limit whatever its keys hold.
    private const int PayloadBudget = 7_000;

    public sealed record Journal([property: JsonPropertyName("t")] string Type, [property: JsonPropertyName("k")] string Key);

    /// <summary>The payloads that announce <paramref name="journals"/>, each within PostgreSQL's limit.</summary>
    public static List<string> Payloads(string node, IReadOnlyList<Journal> journals)
    {
        var payloads = new List<string>();
        var part = new List<Journal>();
        var budget = PayloadBudget - node.Length;
        foreach (var journal in journals)
        {
            var cost = 6 * (journal.Type.Length + journal.Key.Length) + 16;
            if (part.Count > 0 && cost > budget)
            {
                payloads.Add(JsonSerializer.Serialize(new JournalNotice(node, [.. part])));
                part.Clear();
                budget = PayloadBudget - node.Length;
            }
            part.Add(journal);
            budget -= cost;
        }
        if (part.Count > 0) payloads.Add(JsonSerializer.Serialize(new JournalNotice(node, [.. part])));
        return payloads;
    }

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
