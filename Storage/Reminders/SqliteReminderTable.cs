using System.Data.Common;
using Orleans.Storage;

namespace Contact.Storage;

/// <summary>
/// Orleans' reminder table on SQLite, for which Orleans ships none. Writes go through the group
/// commit like every other write; an etag is a fresh random value per write, and a delete
/// happens only while the row still has the etag the caller read.
/// </summary>
internal sealed class SqliteReminderTable(GrainDatabase database) : IReminderTable
{
    private const string Columns = "SELECT grain_id, name, start_at, period_ms, etag FROM grain_reminders";

    public Task<ReminderTableData> ReadRows(GrainId grainId) =>
        ReadAsync($"{Columns} WHERE grain_id = @id", ("@id", grainId.ToString()));

    /// <summary>The reminders of grains whose hash is in (begin, end]; the range wraps around the ring when begin >= end.</summary>
    public Task<ReminderTableData> ReadRows(uint begin, uint end) => begin < end
        ? ReadAsync($"{Columns} WHERE grain_hash > @begin AND grain_hash <= @end", ("@begin", (long)begin), ("@end", (long)end))
        : ReadAsync($"{Columns} WHERE grain_hash > @begin OR grain_hash <= @end", ("@begin", (long)begin), ("@end", (long)end));

    public async Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName) =>
        (await ReadAsync($"{Columns} WHERE grain_id = @id AND name = @name", ("@id", grainId.ToString()), ("@name", reminderName))).Reminders.FirstOrDefault();

    public async Task<string?> UpsertRow(ReminderEntry entry)
    {
        var etag = Guid.NewGuid().ToString("N");
        await database.WriteRowAsync(KeyOf(entry.GrainId), new RowWrite(
            "INSERT INTO grain_reminders (grain_id, name, grain_hash, start_at, period_ms, etag) VALUES ($1, $2, $3, $4, $5, $6) " +
            "ON CONFLICT (grain_id, name) DO UPDATE SET grain_hash = excluded.grain_hash, start_at = excluded.start_at, " +
            "period_ms = excluded.period_ms, etag = excluded.etag",
            [entry.GrainId.ToString(), entry.ReminderName, (long)entry.GrainId.GetUniformHashCode(),
             new DateTimeOffset(DateTime.SpecifyKind(entry.StartAt, DateTimeKind.Utc)).ToUnixTimeMilliseconds(),
             (long)entry.Period.TotalMilliseconds, etag],
            Checked: false));
        return etag;
    }

    public async Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag)
    {
        try
        {
            await database.WriteRowAsync(KeyOf(grainId), new RowWrite(
                "DELETE FROM grain_reminders WHERE grain_id = $1 AND name = $2 AND etag = $3", [grainId.ToString(), reminderName, eTag]));
            return true;
        }
        catch (InconsistentStateException)
        {
            return false;
        }
    }

    public Task TestOnlyClearTable() =>
        database.WriteRowAsync(new GrainKey("reminders", ""), new RowWrite("DELETE FROM grain_reminders", [], Checked: false));

    // One grain's reminder writes share a writer, which keeps their order.
    private static GrainKey KeyOf(GrainId grainId) => new("reminders", grainId.ToString());

    private async Task<ReminderTableData> ReadAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = await database.Dialect.OpenAsync();
        await using var command = connection.Query(sql, parameters);
        await using var reader = await command.ExecuteReaderAsync();
        var entries = new List<ReminderEntry>();
        while (await reader.ReadAsync()) entries.Add(Entry(reader));
        return new ReminderTableData(entries);
    }

    private static ReminderEntry Entry(DbDataReader row) => new()
    {
        GrainId = GrainId.Parse(row.GetString(0)),
        ReminderName = row.GetString(1),
        StartAt = DateTimeOffset.FromUnixTimeMilliseconds(row.GetInt64(2)).UtcDateTime,
        Period = TimeSpan.FromMilliseconds(row.GetInt64(3)),
        ETag = row.GetString(4),
    };
}
