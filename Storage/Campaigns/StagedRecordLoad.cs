namespace Contact.Storage.Campaigns;

/// <summary>
/// A calling list's rows loaded into SQLite without holding its single write lock for the whole
/// load. The rows go through the group commit in bulk chunks, which give way to the grains' own
/// writes (<see cref="RowWrite.Bulk"/>), so an agent's state change waits for a few rows and one
/// commit, and nothing holds the lock while the upload waits for the network. They stay
/// invisible, because the import is listed in calling_list_loads, until
/// <see cref="CompleteAsync"/> deletes that one row: the list appears whole at that commit. A
/// load that ends otherwise deletes its rows, a step per commit, and a load cut short by a crash
/// is deleted when the silo starts again.
/// </summary>
internal sealed class StagedRecordLoad : BulkLoad
{
    // Large enough that the commit per chunk costs little; a chunk gives way to other writes anyway.
    private const int ChunkRows = 5000;

    // A DELETE cannot give way halfway, so an unfinished load goes in steps of about 20 ms.
    private const int DiscardRows = 1000;

    private static readonly string insert =
        $"INSERT INTO {CampaignSchema.Records} ({string.Join(", ", CampaignSchema.ImportColumns.Select(c => c.Name))}) " +
        $"VALUES ({string.Join(", ", CampaignSchema.ImportColumns.Select((_, i) => "$" + (i + 1)))})";

    private static readonly string deleteChunk =
        $"DELETE FROM {CampaignSchema.Records} WHERE record_id IN " +
        $"(SELECT record_id FROM {CampaignSchema.Records} WHERE record_id >= $1 AND record_id < $2 LIMIT {DiscardRows})";

    private const string Unlist = "DELETE FROM calling_list_loads WHERE import_id = $1";

    private readonly GrainDatabase database;
    private readonly string importId;
    private readonly GrainKey writerKey;
    private List<IReadOnlyList<object>> chunk = new(ChunkRows);
    private Task committing = Task.CompletedTask;
    private long written;
    private bool completed;

    private StagedRecordLoad(GrainDatabase database, string importId)
    {
        this.database = database;
        this.importId = importId;
        writerKey = WriterKey(importId);
    }

    /// <summary>Lists the import as loading, owned by <paramref name="loader"/> (this process), before any of its rows is written.</summary>
    public static async Task<BulkLoad> BeginAsync(GrainDatabase database, string loader, string campaignId, string importId, DateTimeOffset dueAt)
    {
        var load = new StagedRecordLoad(database, importId);
        await database.WriteRowAsync(load.writerKey, new RowWrite(
            "INSERT INTO calling_list_loads (import_id, campaign_id, due_at, loader) VALUES ($1, $2, $3, $4)",
            [importId, campaignId, dueAt.ToUnixTimeMilliseconds(), loader])).ConfigureAwait(false);
        return load;
    }

    public override async ValueTask WriteAsync(object[] row, CancellationToken cancellationToken)
    {
        chunk.Add(row);
        if (chunk.Count < ChunkRows) return;
        // One chunk commits while the next fills; never two waiting, so no batch holds more than one.
        await committing.ConfigureAwait(false);
        committing = Submit(chunk);
        chunk = new List<IReadOnlyList<object>>(ChunkRows);
    }

    public override async Task CompleteAsync(CancellationToken cancellationToken)
    {
        await committing.ConfigureAwait(false);
        if (chunk.Count > 0) await Submit(chunk).ConfigureAwait(false);
        chunk = [];
        await database.WriteRowAsync(writerKey, new RowWrite(Unlist, [importId])).ConfigureAwait(false);
        completed = true;
    }

    public override async ValueTask DisposeAsync()
    {
        if (completed) return;
        await committing.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await DiscardAsync(database, importId, written).ConfigureAwait(false);
    }

    /// <summary>Deletes the <paramref name="rows"/> rows an unfinished load wrote, a chunk per commit, then its listing.</summary>
    internal static async Task DiscardAsync(GrainDatabase database, string importId, long rows)
    {
        var key = WriterKey(importId);
        var (from, until) = CampaignSchema.RecordsOf(importId);
        for (var left = rows; left > 0; left -= DiscardRows)
        {
            await database.WriteRowAsync(key, new RowWrite(deleteChunk, [from, until], Checked: false)).ConfigureAwait(false);
        }
        await database.WriteRowAsync(key, new RowWrite(Unlist, [importId], Checked: false)).ConfigureAwait(false);
    }

    private static GrainKey WriterKey(string importId) => new("calling-list-import", importId);

    /// <summary>One chunk as one write of the group commit: its first row is the statement, the others follow it.</summary>
    private Task Submit(List<IReadOnlyList<object>> rows)
    {
        written += rows.Count;
        return database.WriteRowAsync(writerKey, new RowWrite(insert, rows[0], Checked: false)
        {
            Then = rows.Skip(1).Select(values => new RowStatement(insert, values)).ToArray(),
            Bulk = true,
        });
    }
}
