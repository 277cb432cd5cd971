using System.Text.Json;
using Contact.Orleans.Runtime.Activation;
using Contact.Orleans.Runtime.Storage;

namespace Contact.Orleans.Runtime.State;

internal sealed class GrainJournal(GrainId id, IGrainStorage storage, JournalFeed feed, TimeProvider time)
    : IGrainJournal, IActivationLoad
{
    private List<JournalEntry>? staged;

    public long LastSequence { get; private set; }

    public JournalEntry Append<TPayload>(string kind, TPayload payload)
    {
        staged ??= [];
        var entry = new JournalEntry(LastSequence + staged.Count + 1, kind, time.GetUtcNow(),
            JsonSerializer.Serialize(payload, GrainJson.Options));
        staged.Add(entry);
        return entry;
    }

    public Task<IReadOnlyList<JournalEntry>> ReadAsync(long afterSequence, int limit) =>
        storage.ReadJournalAsync(id, afterSequence, limit);

    public async Task LoadAsync() => LastSequence = await storage.ReadJournalHeadAsync(id).ConfigureAwait(false);

    /// <summary>Hands the staged entries to a state write.</summary>
    public IReadOnlyList<JournalEntry> TakeStaged()
    {
        var taken = staged ?? (IReadOnlyList<JournalEntry>)[];
        staged = null;
        return taken;
    }

    public void Committed(IReadOnlyList<JournalEntry> entries)
    {
        if (entries.Count == 0) return;
        LastSequence = entries[^1].Sequence;
        feed.Publish(id, entries);
    }
}
