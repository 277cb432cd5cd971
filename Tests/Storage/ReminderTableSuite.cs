using Contact.Tests.Support;

namespace Contact.Tests.Storage;

/// <summary>
/// Orleans' reminder-table contract, on the table each database gets: the product's own on
/// SQLite, Orleans' ADO.NET table (with the queries the migrator stores) on PostgreSQL.
/// </summary>
public abstract class ReminderTableSuite(DatabaseKind kind) : SiloTest(kind)
{

    private IReminderTable Table => Silo.Get<IReminderTable>();

    [Fact]
    public async Task A_row_is_inserted_read_updated_and_removed_only_with_its_current_etag()
    {
        var grain = GrainId.Create("agent", "ann");
        var start = new DateTime(2026, 12, 1, 9, 0, 0, 250, DateTimeKind.Utc);

        var first = await Table.UpsertRow(Entry(grain, "wrap-up", start, TimeSpan.FromMinutes(1)));
        var read = await Table.ReadRow(grain, "wrap-up");
        Assert.Equal((grain, "wrap-up", start, TimeSpan.FromMinutes(1), first), (read!.GrainId, read.ReminderName, read.StartAt, read.Period, read.ETag));

        var second = await Table.UpsertRow(Entry(grain, "wrap-up", start.AddMinutes(5), TimeSpan.FromMinutes(2)));
        Assert.NotEqual(first, second);
        Assert.Equal((start.AddMinutes(5), TimeSpan.FromMinutes(2)), ((await Table.ReadRow(grain, "wrap-up"))!.StartAt, (await Table.ReadRow(grain, "wrap-up"))!.Period));

        Assert.False(await Table.RemoveRow(grain, "wrap-up", first!));
        Assert.True(await Table.RemoveRow(grain, "wrap-up", second!));
        Assert.Null(await Table.ReadRow(grain, "wrap-up"));
    }

    [Fact]
    public async Task Rows_are_read_by_grain_and_by_hash_range_and_a_range_wraps_when_it_starts_after_it_ends()
    {
        var grains = Enumerable.Range(0, 40).Select(i => GrainId.Create("agent", $"a{i}")).ToList();
        foreach (var grain in grains)
        {
            await Table.UpsertRow(Entry(grain, "one", DateTime.UtcNow, TimeSpan.FromMinutes(1)));
            await Table.UpsertRow(Entry(grain, "two", DateTime.UtcNow, TimeSpan.FromMinutes(1)));
        }

        Assert.Equal(["one", "two"], (await Table.ReadRows(grains[3])).Reminders.Select(r => r.ReminderName).Order());
        var hashes = grains.Select(g => g.GetUniformHashCode()).Order().ToList();
        var (low, high) = (hashes[10], hashes[30]);
        Assert.Equal(grains.Where(g => g.GetUniformHashCode() > low && g.GetUniformHashCode() <= high).Order(),
            (await Table.ReadRows(low, high)).Reminders.Select(r => r.GrainId).Distinct().Order());
        Assert.Equal(grains.Where(g => g.GetUniformHashCode() > high || g.GetUniformHashCode() <= low).Order(),
            (await Table.ReadRows(high, low)).Reminders.Select(r => r.GrainId).Distinct().Order());
        Assert.Equal(80, (await Table.ReadRows(low, low)).Reminders.Count);

        await Table.TestOnlyClearTable();
        Assert.Empty((await Table.ReadRows(0, 0)).Reminders);
    }

    private static ReminderEntry Entry(GrainId grain, string name, DateTime startAt, TimeSpan period) =>
        new() { GrainId = grain, ReminderName = name, StartAt = startAt, Period = period };
}

public sealed class SqliteReminderTableTests() : ReminderTableSuite(DatabaseKind.Sqlite);

public sealed class PostgresReminderTableTests() : ReminderTableSuite(DatabaseKind.Postgres);
