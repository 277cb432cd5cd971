using System.Text.Json;
using Contact.Orleans.Runtime.Activation;
using Contact.Orleans.Runtime.Storage;

namespace Contact.Orleans.Runtime.State;

internal sealed class GrainJournal(ActivationData activation) : IGrainJournal, IActivationLoad
{
    private GrainId Id => activation.Id;
    private IGrainStorage Storage => activation.Runtime.Storage;

    private List<JournalEntry>? staged;

    public long LastSequence { get; private set; }

    public JournalEntry Append<TPayload>(string kind, TPayload payload)
    {
        staged ??= [];
        var entry = new JournalEntry(LastSequence + staged.Count + 1, kind, activation.Runtime.Time.GetUtcNow(),
            JsonSerializer.Serialize(payload, GrainJson.Options));
        staged.Add(entry);
        return entry;
    }

    public Task<IReadOnlyList<JournalEntry>> ReadAsync(long afterSequence, int limit) =>
        Storage.ReadJournalAsync(Id, afterSequence, limit);

    public async Task WriteAsync()
    {
        var entries = TakeStaged();
        if (entries.Count == 0) return;
        try
        {
            await Storage.AppendJournalAsync(Id, entries).ConfigureAwait(false);
        }
        catch
        {
            // Whether the entries landed is unknown; a fresh activation reads the journal's head again.
            activation.RequestDeactivation(DeactivationReason.InconsistentState);
            throw;
        }
        Committed(entries);
    }

    public async Task LoadAsync() => LastSequence = await Storage.ReadJournalHeadAsync(Id).ConfigureAwait(false);

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
        activation.Runtime.Journal.Publish(Id, entries);
    }
}
