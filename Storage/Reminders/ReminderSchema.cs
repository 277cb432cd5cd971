namespace Contact.Storage;

/// <summary>
/// The reminder tables. PostgreSQL gets the tables and stored queries that Orleans' ADO.NET
/// reminder table reads (<c>OrleansQuery</c> holds each query's text by key; the names of
/// columns and parameters are that provider's contract). SQLite, for which Orleans ships no
/// reminder table, gets the table of <see cref="SqliteReminderTable"/>.
/// </summary>
internal static class ReminderSchema
{
    private const string Sqlite = """
        CREATE TABLE grain_reminders (
            grain_id TEXT NOT NULL,
            name TEXT NOT NULL,
            grain_hash BIGINT NOT NULL,
            start_at BIGINT NOT NULL,
            period_ms BIGINT NOT NULL,
            etag TEXT NOT NULL,
            PRIMARY KEY (grain_id, name));
        CREATE INDEX grain_reminders_hash ON grain_reminders (grain_hash);
        """;

    // Grain hashes are stored as Orleans passes them, as signed integers, and ranges compare them
    // the same way; the second range query is the one that wraps around the ring.
    private const string Postgres = """
        CREATE TABLE IF NOT EXISTS OrleansQuery (
            QueryKey varchar(64) NOT NULL PRIMARY KEY,
            QueryText varchar(8000) NOT NULL);
        CREATE TABLE OrleansRemindersTable (
            ServiceId varchar(150) NOT NULL,
            GrainId varchar(150) NOT NULL,
            ReminderName varchar(150) NOT NULL,
            StartTime timestamptz(3) NOT NULL,
            Period bigint NOT NULL,
            GrainHash integer NOT NULL,
            Version integer NOT NULL,
            PRIMARY KEY (ServiceId, GrainId, ReminderName));
        CREATE INDEX OrleansRemindersTable_Hash ON OrleansRemindersTable (ServiceId, GrainHash);
        INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
        ('UpsertReminderRowKey',
         'INSERT INTO OrleansRemindersTable (ServiceId, GrainId, ReminderName, StartTime, Period, GrainHash, Version)
          VALUES (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash, 0)
          ON CONFLICT (ServiceId, GrainId, ReminderName) DO UPDATE
          SET StartTime = excluded.StartTime, Period = excluded.Period, GrainHash = excluded.GrainHash,
              Version = OrleansRemindersTable.Version + 1
          RETURNING Version'),
        ('ReadReminderRowsKey',
         'SELECT GrainId, ReminderName, StartTime, Period, Version FROM OrleansRemindersTable
          WHERE ServiceId = @ServiceId AND GrainId = @GrainId'),
        ('ReadReminderRowKey',
         'SELECT GrainId, ReminderName, StartTime, Period, Version FROM OrleansRemindersTable
          WHERE ServiceId = @ServiceId AND GrainId = @GrainId AND ReminderName = @ReminderName'),
        ('ReadRangeRows1Key',
         'SELECT GrainId, ReminderName, StartTime, Period, Version FROM OrleansRemindersTable
          WHERE ServiceId = @ServiceId AND GrainHash > @BeginHash AND GrainHash <= @EndHash'),
        ('ReadRangeRows2Key',
         'SELECT GrainId, ReminderName, StartTime, Period, Version FROM OrleansRemindersTable
          WHERE ServiceId = @ServiceId AND (GrainHash > @BeginHash OR GrainHash <= @EndHash)'),
        ('DeleteReminderRowKey',
         'WITH gone AS (DELETE FROM OrleansRemindersTable
              WHERE ServiceId = @ServiceId AND GrainId = @GrainId AND ReminderName = @ReminderName AND Version = @Version
              RETURNING 1)
          SELECT COUNT(*) FROM gone'),
        ('DeleteReminderRowsKey',
         'DELETE FROM OrleansRemindersTable WHERE ServiceId = @ServiceId');
        """;

    public static readonly StorageMigration[] Migrations = [new("reminders", 1, Sqlite, Postgres)];
}
