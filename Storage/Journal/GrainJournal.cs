using System.Text.Json;
using Contact.Grains.Interfaces;

namespace Contact.Storage;

/// <summary>
/// One activation's journal. <see cref="ContactGrainStorage"/> reads its head with the grain's
/// state, and takes the entries staged since the last write into the state write's transaction.
/// It keeps nothing per activation besides itself: it is found through the grain
/// (<see cref="IJournaledGrain"/>), which costs less than a component of the grain context, and
/// the services it writes through are one object for all the journals.
/// </summary>
internal sealed class GrainJournal(IGrainContext context, JournalServices services) : IGrainJournal
{
    private const long NotLoaded = -1;

    private List<JournalEntry>? staged;
    // NotLoaded until the storage reads the head: a flag of its own would take 8 bytes more.
    private long lastSequence = NotLoaded;

    // Not kept: its key would be one more string per activation, for a few writes.
    public GrainKey Id => GrainKey.Of(context.GrainId);

    public long LastSequence => lastSequence == NotLoaded ? 0 : lastSequence;

    /// <summary>The journal's head, read with the grain's state.</summary>
    public void Loaded(long head) => lastSequence = head;

    public JournalEntry Append<TPayload>(string kind, TPayload payload) => AppendJson(kind, JsonSerializer.Serialize(payload, GrainJson.Options));

    public JournalEntry AppendJson(string kind, string json)
    {
        if (lastSequence == NotLoaded)
        {
            throw new InvalidOperationException(
                $"The journal of {context.GrainId} was not read: the grain must implement {nameof(IJournaledGrain)} and have a [PersistentState] in the '{ContactGrainStorage.Name}' provider.");
        }
        staged ??= [];
        var entry = new JournalEntry(lastSequence + staged.Count + 1, kind, services.Time.GetUtcNow(), json);
        staged.Add(entry);
        return entry;
    }

    public Task<JournalEntry[]> ReadAsync(long afterSequence, int limit) => services.Database.ReadJournalAsync(Id, afterSequence, limit);

    public async Task WriteAsync()
    {
        var entries = TakeStaged();
        if (entries.Count == 0) return;
        try
        {
            await services.Database.AppendJournalAsync(Id, entries);
        }
        catch
        {
            // Whether the entries landed is unknown; a fresh activation reads the journal's head again.
            context.Deactivate(new DeactivationReason(DeactivationReasonCode.ApplicationError, "A journal append failed; the journal's head is in doubt."));
            throw;
        }
        Committed(entries);
    }

    /// <summary>Hands the staged entries to a state write.</summary>
    public IReadOnlyList<JournalEntry> TakeStaged()
    {
        var taken = staged ?? (IReadOnlyList<JournalEntry>)[];
        staged = null;
        return taken;
    }

    /// <summary>The entries are on disk: they count, and live streams get them.</summary>
    public void Committed(IReadOnlyList<JournalEntry> entries)
    {
        if (entries.Count == 0) return;
        lastSequence = entries[^1].Sequence;
        services.Feed.Publish(Id, entries);
    }
}

/// <summary>What every journal writes through, shared by all of them.</summary>
internal sealed record JournalServices(GrainDatabase Database, JournalFeed Feed, TimeProvider Time);
