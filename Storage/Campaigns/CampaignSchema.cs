
namespace Contact.Storage.Campaigns;

/// <summary>
/// Calling records live in a table of their own: lists hold millions of rows, and the next due
/// record is found through <c>calling_records_due</c> (campaign, status, who it is kept for, time
/// zone, due time, list order) with one index seek per open time zone.
/// </summary>
public static class CampaignSchema
{
    public const string Records = "calling_records";

    public static readonly BulkColumn[] ImportColumns =
    [
        new("record_id", BulkColumnType.Text), new("campaign_id", BulkColumnType.Text), new("import_id", BulkColumnType.Text),
        new("row_no", BulkColumnType.Int64), new("status", BulkColumnType.Int64), new("agent_id", BulkColumnType.Text),
        new("tz", BulkColumnType.Text), new("due_at", BulkColumnType.Int64), new("attempts", BulkColumnType.Int64),
        new("name", BulkColumnType.Text), new("phones", BulkColumnType.Text), new("fields", BulkColumnType.Text),
        new("disposition", BulkColumnType.Text), new("detail", BulkColumnType.Text), new("version", BulkColumnType.Int64),
    ];

    // On PostgreSQL the keys compare byte by byte (COLLATE "C"): ids need no language's order, and
    // the bulk load of a list spends most of its time comparing keys in the two indexes.
    private const string Tables = """
        CREATE TABLE calling_records (
            record_id TEXT{key} NOT NULL PRIMARY KEY,
            campaign_id TEXT{key} NOT NULL,
            import_id TEXT NOT NULL,
            row_no BIGINT NOT NULL,
            status BIGINT NOT NULL,
            agent_id TEXT{key} NOT NULL,
            tz TEXT{key} NOT NULL,
            due_at BIGINT NOT NULL,
            attempts BIGINT NOT NULL,
            name TEXT NOT NULL,
            phones TEXT NOT NULL,
            fields TEXT NOT NULL,
            disposition TEXT NOT NULL,
            detail TEXT NOT NULL,
            version BIGINT NOT NULL);
        CREATE INDEX calling_records_due ON calling_records (campaign_id, status, agent_id, tz, due_at, row_no);
        CREATE TABLE do_not_call (
            phone TEXT{key} NOT NULL PRIMARY KEY,
            added_at BIGINT NOT NULL,
            source TEXT NOT NULL);
        """;

    // What each agent did with each campaign's records, one row per pair, written in the same
    // transaction as the record's change (so the campaign's own state is not written per record).
    private const string AgentCounts = """
        CREATE TABLE campaign_agent_counts (
            campaign_id TEXT{key} NOT NULL,
            agent_id TEXT{key} NOT NULL,
            completed BIGINT NOT NULL,
            skips BIGINT NOT NULL,
            rejects BIGINT NOT NULL,
            PRIMARY KEY (campaign_id, agent_id));
        """;

    // Imports whose rows are in calling_records but not yet visible: the one-row flip that ends a
    // staged load (see StagedRecordLoad) deletes the import's row here. All rows of an import fall
    // due at its start (due_at), so the due queries step over them by that one value.
    private const string Loads = """
        CREATE TABLE calling_list_loads (
            import_id TEXT{key} NOT NULL PRIMARY KEY,
            campaign_id TEXT{key} NOT NULL,
            due_at BIGINT NOT NULL,
            loader TEXT NOT NULL);
        """;

    public static readonly StorageMigration[] Migrations =
    [
        ForBoth(1, Tables),
        ForBoth(2, AgentCounts),
        ForBoth(3, Loads),
    ];

    /// <summary>An imported record's id: the import's, then the row's number, so one import's records are one range of the key.</summary>
    public static string RecordId(string importId, long row) => $"{importId}-{row}";

    /// <summary>The key range [from, until) that holds exactly the records of one import.</summary>
    public static (string From, string Until) RecordsOf(string importId) => (importId + "-", importId + ".");

    private static StorageMigration ForBoth(int version, string sql) =>
        new("campaigns", version, sql.Replace("{key}", ""), sql.Replace("{key}", " COLLATE \"C\""));
}
