using System.Text.Json;
using Contact.Grains.Interfaces;

namespace Contact.Storage;

/// <summary>
/// One activation's journal. It reads the journal's head while the activation sets up its state,
/// and it is a component of the grain context, where <see cref="ContactGrainStorage"/> finds the
/// staged entries that a state write carries into its transaction.
/// </summary>
internal sealed class GrainJournal : IGrainJournal
{
    private readonly IGrainContext context;
    private readonly GrainDatabase database;
    private readonly JournalFeed feed;
    private readonly TimeProvider time;
    private List<JournalEntry>? staged;

    private GrainJournal(IGrainContext context, GrainDatabase database, JournalFeed feed, TimeProvider time)
    {
        this.context = context;
        this.database = database;
        this.feed = feed;
        this.time = time;
        Id = GrainKey.Of(context.GrainId);
    }

    public GrainKey Id { get; }

    public long LastSequence { get; private set; }

    public static GrainJournal Attach(IGrainContext context, GrainDatabase database, JournalFeed feed, TimeProvider time)
    {
        var journal = new GrainJournal(context, database, feed, time);
        context.SetComponent(journal);
        context.ObservableLifecycle.Subscribe(nameof(GrainJournal), GrainLifecycleStage.SetupState,
            async _ => journal.LastSequence = await database.ReadJournalHeadAsync(journal.Id));
        return journal;
    }

    public JournalEntry Append<TPayload>(string kind, TPayload payload) => AppendJson(kind, JsonSerializer.Serialize(payload, GrainJson.Options));

    public JournalEntry AppendJson(string kind, string json)
    {
        staged ??= [];
        var entry = new JournalEntry(LastSequence + staged.Count + 1, kind, time.GetUtcNow(), json);
        staged.Add(entry);
        return entry;
    }

    public Task<JournalEntry[]> ReadAsync(long afterSequence, int limit) => database.ReadJournalAsync(Id, afterSequence, limit);

    public async Task WriteAsync()
    {
        var entries = TakeStaged();
        if (entries.Count == 0) return;
        try
        {
            await database.AppendJournalAsync(Id, entries);
        }
        catch
        {
            // Whether the entries landed is unknown; a fresh activation reads the journal's head again.
            DropActivation("a journal append failed");
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
        LastSequence = entries[^1].Sequence;
        feed.Publish(Id, entries);
    }

    public void DropActivation(string why) =>
        context.Deactivate(new DeactivationReason(DeactivationReasonCode.ApplicationError, $"The stored state is in doubt: {why}."));
}
