using System.Data.Common;
using System.Text.Json;
using Contact.Grains.Interfaces;

namespace Contact.Storage.Campaigns;

/// <summary>A record due now: what the campaign needs to offer it.</summary>
public sealed record DueRecord(string Id, string Name, DateTimeOffset DueAt);

/// <summary>
/// The calling records table. Reads go straight to the database; a record's changes go through
/// the database's group commit as a compare-and-swap on the row's version, so two activations of
/// one record (or a stale one) can never both win.
/// </summary>
public sealed class CallingRecordStore(GrainDatabase database)
{
    // Row writes of one record share a writer (the grain type of calling records keys it).
    private const string RecordType = "calling-record";

    // Rows of an import still loading are in the table but belong to no campaign yet.
    private const string Visible = " AND import_id NOT IN (SELECT import_id FROM calling_list_loads)";

    // This process, as the owner of the staged loads it starts; any other owner's is left from a crash.
    private readonly string loader = Guid.NewGuid().ToString("N");

    /// <summary>
    /// Starts loading an import's records, all due at <paramref name="dueAt"/>; none is visible
    /// until the load completes. PostgreSQL copies in one transaction, which blocks no other
    /// writer; SQLite has one write lock, so there the rows go in short chunks, hidden until the end.
    /// </summary>
    public Task<BulkLoad> BeginImportAsync(string campaignId, string importId, DateTimeOffset dueAt, CancellationToken cancellationToken) =>
        database.Dialect is PostgresDialect postgres
            ? postgres.BeginBulkLoadAsync(CampaignSchema.Records, CampaignSchema.ImportColumns, cancellationToken)
            : StagedRecordLoad.BeginAsync(database, loader, campaignId, importId, dueAt);

    /// <summary>
    /// Deletes the rows of staged loads that another process started and never finished (it
    /// crashed or was killed). Only SQLite stages loads, and one process owns its file.
    /// </summary>
    public async Task<int> DiscardUnfinishedLoadsAsync()
    {
        List<string> unfinished;
        await using (var connection = await database.Dialect.OpenAsync())
        await using (var command = connection.Query("SELECT import_id FROM calling_list_loads WHERE loader <> @loader", ("@loader", loader)))
        {
            unfinished = await command.ReadStringsAsync();
        }
        foreach (var importId in unfinished) await StagedRecordLoad.DiscardAsync(database, importId, await CountAsync(importId));
        return unfinished.Count;
    }

    private async Task<long> CountAsync(string importId)
    {
        var (from, until) = CampaignSchema.RecordsOf(importId);
        await using var connection = await database.Dialect.OpenAsync();
        await using var command = connection.Query("SELECT COUNT(*) FROM calling_records WHERE record_id >= @from AND record_id < @until",
            ("@from", from), ("@until", until));
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    private const string Update =
        "UPDATE calling_records SET status = $1, agent_id = $2, due_at = $3, attempts = $4, disposition = $5, detail = $6, " +
        "version = $7 WHERE record_id = $8 AND version = $9";

    public async Task<CallingRecordRow?> ReadAsync(string recordId)
    {
        await using var connection = await database.Dialect.OpenAsync();
        await using var command = connection.Query("SELECT campaign_id, name, phones, fields, tz, status, agent_id, due_at, attempts, disposition, detail, version " +
            "FROM calling_records WHERE record_id = @id" + Visible, ("@id", recordId));
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync()) return null;
        return new CallingRecordRow
        {
            Id = recordId,
            CampaignId = reader.GetString(0),
            Name = reader.GetString(1),
            Phones = reader.GetString(2).Split(' ', StringSplitOptions.RemoveEmptyEntries),
            Fields = JsonSerializer.Deserialize<Dictionary<string, string>>(reader.GetString(3), GrainJson.Options)!,
            TimeZone = reader.GetString(4),
            Status = (RecordStatus)reader.GetInt64(5),
            AgentId = reader.GetString(6),
            DueAt = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(7)),
            Attempts = (int)reader.GetInt64(8),
            Disposition = reader.GetString(9),
            Detail = JsonSerializer.Deserialize<RecordDetail>(reader.GetString(10), GrainJson.Options)!,
            Version = reader.GetInt64(11),
        };
    }

    private const string CountAgent =
        "INSERT INTO campaign_agent_counts (campaign_id, agent_id, completed, skips, rejects) VALUES ($1, $2, $3, $4, $5) " +
        "ON CONFLICT (campaign_id, agent_id) DO UPDATE SET completed = campaign_agent_counts.completed + excluded.completed, " +
        "skips = campaign_agent_counts.skips + excluded.skips, rejects = campaign_agent_counts.rejects + excluded.rejects";

    /// <summary>
    /// Writes the record's changing columns if nobody wrote since it was read; InconsistentStateException
    /// otherwise. <paramref name="tally"/> counts what an agent did with it, in the same transaction.
    /// </summary>
    public async Task WriteAsync(CallingRecordRow row, AgentCount? tally = null)
    {
        var next = row.Version + 1;
        await database.WriteRowAsync(new GrainKey(RecordType, row.Id), new RowWrite(Update,
        [
            (long)row.Status, row.AgentId, row.DueAt.ToUnixTimeMilliseconds(), (long)row.Attempts, row.Disposition,
            JsonSerializer.Serialize(row.Detail, GrainJson.Options), next, row.Id, row.Version,
        ])
        {
            Then = tally is { AgentId: var agentId, What: var what }
                ? [new RowStatement(CountAgent, [row.CampaignId, agentId, One(what, AgentTally.Completed), One(what, AgentTally.Skipped), One(what, AgentTally.Rejected)])]
                : [],
        });
        row.Version = next;
    }

    /// <summary>What each agent did with the campaign's records, by agent id.</summary>
    public async Task<List<AgentCampaignCounts>> AgentCountsAsync(string campaignId)
    {
        await using var connection = await database.Dialect.OpenAsync();
        await using var command = connection.Query("SELECT agent_id, completed, skips, rejects FROM campaign_agent_counts WHERE campaign_id = @campaign " +
            "ORDER BY agent_id", ("@campaign", campaignId));
        await using var reader = await command.ExecuteReaderAsync();
        var counts = new List<AgentCampaignCounts>();
        while (await reader.ReadAsync())
        {
            counts.Add(new AgentCampaignCounts(reader.GetString(0), (int)reader.GetInt64(1), (int)reader.GetInt64(2), (int)reader.GetInt64(3)));
        }
        return counts;
    }

    private static long One(AgentTally what, AgentTally column) => what == column ? 1 : 0;

    /// <summary>Waiting records of one time zone due by <paramref name="now"/>, kept for <paramref name="agentId"/> ("" for anyone), in list order.</summary>
    public async Task<List<DueRecord>> DueAsync(string campaignId, string agentId, string zone, DateTimeOffset now, int limit)
    {
        await using var connection = await database.Dialect.OpenAsync();
        var due = new List<DueRecord>();
        // One index range between each two due times of loads still hidden, so that no query walks
        // past a million hidden rows; a visible record due in that very millisecond waits for the load.
        var from = long.MinValue;
        var end = now.ToUnixTimeMilliseconds() + 1;
        foreach (var hidden in (await HiddenDueTimesAsync(connection, campaignId)).Append(end))
        {
            var until = Math.Min(hidden, end);
            if (from < until && due.Count < limit) await ReadDueAsync(connection, campaignId, agentId, zone, from, until, limit - due.Count, due);
            from = Math.Max(from, hidden + 1);
        }
        return due;
    }

    private static async Task<List<long>> HiddenDueTimesAsync(DbConnection connection, string campaignId)
    {
        await using var command = connection.Query("SELECT DISTINCT due_at FROM calling_list_loads WHERE campaign_id = @campaign ORDER BY due_at",
            ("@campaign", campaignId));
        await using var reader = await command.ExecuteReaderAsync();
        var times = new List<long>();
        while (await reader.ReadAsync()) times.Add(reader.GetInt64(0));
        return times;
    }

    private static async Task ReadDueAsync(DbConnection connection, string campaignId, string agentId, string zone, long from, long until, int limit, List<DueRecord> due)
    {
        await using var command = connection.Query("SELECT record_id, name, due_at FROM calling_records WHERE campaign_id = @campaign AND status = 0 AND agent_id = @agent " +
            "AND tz = @tz AND due_at >= @from AND due_at < @until ORDER BY due_at, row_no LIMIT @limit",
            ("@campaign", campaignId), ("@agent", agentId), ("@tz", zone), ("@from", from), ("@until", until), ("@limit", (long)limit));
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            due.Add(new DueRecord(reader.GetString(0), reader.GetString(1), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2))));
        }
    }

    /// <summary>When the next waiting record of this zone and holder falls due after <paramref name="now"/>; null when none.</summary>
    public async Task<DateTimeOffset?> NextDueAsync(string campaignId, string agentId, string zone, DateTimeOffset now)
    {
        await using var connection = await database.Dialect.OpenAsync();
        await using var command = connection.Query("SELECT MIN(due_at) FROM calling_records WHERE campaign_id = @campaign AND status = 0 AND agent_id = @agent " +
            "AND tz = @tz AND due_at > @now" + Visible,
            ("@campaign", campaignId), ("@agent", agentId), ("@tz", zone), ("@now", now.ToUnixTimeMilliseconds()));
        return await command.ExecuteScalarAsync() is { } value and not DBNull
            ? DateTimeOffset.FromUnixTimeMilliseconds(Convert.ToInt64(value))
            : null;
    }

    /// <summary>The records of the campaign that are offered to or in the hands of an agent.</summary>
    public async Task<List<string>> HeldAsync(string campaignId)
    {
        await using var connection = await database.Dialect.OpenAsync();
        await using var command = connection.Query("SELECT record_id FROM calling_records WHERE campaign_id = @campaign AND status IN (1, 2)", ("@campaign", campaignId));
        return await command.ReadStringsAsync();
    }

    /// <summary>The records whose campaign call is up with no agent on it yet (the campaign's calls ringing).</summary>
    public async Task<List<string>> DialingAsync(string campaignId)
    {
        await using var connection = await database.Dialect.OpenAsync();
        await using var command = connection.Query("SELECT record_id FROM calling_records WHERE campaign_id = @campaign AND status = 2 AND agent_id = ''", ("@campaign", campaignId));
        return await command.ReadStringsAsync();
    }

    /// <summary>For each agent with waiting records kept for it (or only <paramref name="agentId"/>), when the first falls due.</summary>
    public async Task<Dictionary<string, DateTimeOffset>> KeptAsync(string campaignId, string? agentId = null)
    {
        await using var connection = await database.Dialect.OpenAsync();
        await using var command = connection.Query("SELECT agent_id, MIN(due_at) FROM calling_records WHERE campaign_id = @campaign AND status = 0 AND agent_id <> '' " +
            (agentId is null ? "" : "AND agent_id = @agent ") + "GROUP BY agent_id",
            ("@campaign", campaignId), ("@agent", agentId ?? ""));
        await using var reader = await command.ExecuteReaderAsync();
        var kept = new Dictionary<string, DateTimeOffset>();
        while (await reader.ReadAsync()) kept[reader.GetString(0)] = DateTimeOffset.FromUnixTimeMilliseconds(Convert.ToInt64(reader.GetValue(1)));
        return kept;
    }

    /// <summary>Every number already in the campaign, for the import's duplicate check.</summary>
    public async IAsyncEnumerable<string> PhonesAsync(string campaignId)
    {
        await using var connection = await database.Dialect.OpenAsync();
        await using var command = connection.Query("SELECT phones FROM calling_records WHERE campaign_id = @campaign" + Visible, ("@campaign", campaignId));
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            foreach (var phone in reader.GetString(0).Split(' ', StringSplitOptions.RemoveEmptyEntries)) yield return phone;
        }
    }

    /// <summary>Counts by stored status (waiting split by whether it is due), by disposition, and attempts.</summary>
    public async Task<(Dictionary<string, long> States, Dictionary<string, long> Dispositions, long Attempts, long Records)> StatsAsync(
        string campaignId, DateTimeOffset now)
    {
        await using var connection = await database.Dialect.OpenAsync();
        var states = new Dictionary<string, long>();
        long attempts = 0, records = 0;
        await using (var command = connection.Query("SELECT status, CASE WHEN due_at > @now THEN 1 ELSE 0 END AS later, COUNT(*), COALESCE(SUM(attempts), 0) " +
            "FROM calling_records WHERE campaign_id = @campaign" + Visible + " GROUP BY status, later",
            ("@campaign", campaignId), ("@now", now.ToUnixTimeMilliseconds())))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                var state = RecordStates.Of((RecordStatus)Convert.ToInt64(reader.GetValue(0)), Convert.ToInt64(reader.GetValue(1)) == 1);
                var count = Convert.ToInt64(reader.GetValue(2));
                states[state.ToString()] = states.GetValueOrDefault(state.ToString()) + count;
                records += count;
                attempts += Convert.ToInt64(reader.GetValue(3));
            }
        }
        var dispositions = new Dictionary<string, long>();
        await using (var command = connection.Query("SELECT disposition, COUNT(*) FROM calling_records WHERE campaign_id = @campaign AND disposition <> ''" + Visible + " GROUP BY disposition",
            ("@campaign", campaignId)))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync()) dispositions[reader.GetString(0)] = Convert.ToInt64(reader.GetValue(1));
        }
        return (states, dispositions, attempts, records);
    }
}
