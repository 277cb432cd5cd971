using Contact.Grains.Interfaces;
using Contact.Storage;
using Orleans.Storage;
using Contact.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace Contact.Tests.Storage;

/// <summary>The database's contract (state rows, journals, row writes, migrations), run on every dialect by the classes below.</summary>
public abstract class StorageSuite(DatabaseKind kind) : IAsyncLifetime
{
    private static readonly GrainKey agent = new("agent", "a1");

    // A domain table with a version column and a counter beside it, for the row writes.
    private static readonly StorageMigration itemTables = new("storage-tests", 1,
        "CREATE TABLE items (id TEXT PRIMARY KEY, version BIGINT NOT NULL); CREATE TABLE item_counts (id TEXT PRIMARY KEY, n BIGINT NOT NULL);");
    private readonly Database database = new(kind);
    private readonly ManualTimeProvider time = new();
    private GrainDatabase storage = null!;

    protected GrainDatabase Storage => storage;

    public async Task InitializeAsync() => storage = await OpenAsync();

    public async Task DisposeAsync()
    {
        await storage.DisposeAsync();
        database.Dispose();
    }

    [Fact]
    public async Task A_first_write_creates_version_1_and_each_write_adds_one()
    {
        Assert.Null(await storage.ReadStateAsync(agent, "agent"));

        Assert.Equal(1, await storage.WriteStateAsync(Write("{\"n\":1}", null)));
        Assert.Equal(2, await storage.WriteStateAsync(Write("{\"n\":2}", 1)));

        Assert.Equal(new StoredState("{\"n\":2}", 2), await storage.ReadStateAsync(agent, "agent"));
    }

    [Fact]
    public async Task A_stale_version_is_refused_and_changes_nothing()
    {
        await storage.WriteStateAsync(Write("{\"n\":1}", null));
        await storage.WriteStateAsync(Write("{\"n\":2}", 1));

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(Write("{\"n\":\"stale\"}", 1, Entry(1))));
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(Write("{\"n\":\"dup\"}", null)));

        Assert.Equal(new StoredState("{\"n\":2}", 2), await storage.ReadStateAsync(agent, "agent"));
        Assert.Empty(await storage.ReadJournalAsync(agent, 0, 10));
    }

    [Fact]
    public async Task State_is_keyed_by_grain_type_key_and_state_name()
    {
        await storage.WriteStateAsync(Write("{\"who\":\"agent\"}", null));
        await storage.WriteStateAsync(new StateWrite(new GrainKey("customer", "a1"), "agent", "{\"who\":\"customer\"}", null, []));
        await storage.WriteStateAsync(new StateWrite(agent, "other", "{\"who\":\"other\"}", null, []));

        Assert.Equal("{\"who\":\"agent\"}", (await storage.ReadStateAsync(agent, "agent"))!.Payload);
        Assert.Equal("{\"who\":\"customer\"}", (await storage.ReadStateAsync(new GrainKey("customer", "a1"), "agent"))!.Payload);
        Assert.Equal("{\"who\":\"other\"}", (await storage.ReadStateAsync(agent, "other"))!.Payload);
    }

    [Fact]
    public async Task Journal_entries_commit_with_the_state_and_read_back_in_pages()
    {
        await storage.WriteStateAsync(Write("{}", null, Entry(1), Entry(2)));
        await storage.WriteStateAsync(Write("{}", 1, Entry(3)));

        Assert.Equal(3, await HeadAsync(agent));
        Assert.Equal([1L, 2L], (await storage.ReadJournalAsync(agent, 0, 2)).Select(e => e.Sequence));
        var last = Assert.Single(await storage.ReadJournalAsync(agent, 2, 10));
        Assert.Equal(Entry(3), last);
        Assert.Equal(0, await HeadAsync(new GrainKey("agent", "nobody")));
    }

    [Fact]
    public async Task Journal_entries_can_be_appended_without_a_state_write()
    {
        await storage.AppendJournalAsync(agent, [Entry(1), Entry(2)]);
        await storage.AppendJournalAsync(agent, [Entry(3)]);

        Assert.Equal([Entry(1), Entry(2), Entry(3)], await storage.ReadJournalAsync(agent, 0, 10));
        Assert.Null(await storage.ReadStateAsync(agent, "agent"));
        await Assert.ThrowsAnyAsync<Exception>(() => storage.AppendJournalAsync(agent, [Entry(3)]));
        Assert.Equal(3, await HeadAsync(agent));
    }

    [Fact]
    public async Task Concurrent_writes_to_many_grains_all_land_and_one_bad_write_fails_alone()
    {
        var writes = Enumerable.Range(0, 200).Select(i =>
            storage.WriteStateAsync(new StateWrite(new GrainKey("agent", $"g{i}"), "agent", $"{{\"i\":{i}}}", null, []))).ToList();
        var stale = storage.WriteStateAsync(new StateWrite(new GrainKey("agent", "g0"), "agent", "{}", 41, []));

        await Task.WhenAll(writes);
        await Assert.ThrowsAsync<InconsistentStateException>(() => stale);
        for (var i = 0; i < 200; i++)
        {
            Assert.Equal($"{{\"i\":{i}}}", (await storage.ReadStateAsync(new GrainKey("agent", $"g{i}"), "agent"))!.Payload);
        }
    }

    [Fact]
    public async Task Clear_removes_the_record_only_at_the_expected_version()
    {
        await storage.WriteStateAsync(Write("{}", null));
        await storage.WriteStateAsync(Write("{}", 1));

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearStateAsync(agent, "agent", 1));
        await storage.ClearStateAsync(agent, "agent", 2);

        Assert.Null(await storage.ReadStateAsync(agent, "agent"));
    }

    [Fact]
    public async Task Migrations_run_once_and_a_second_start_keeps_the_data()
    {
        await storage.WriteStateAsync(Write("{\"kept\":true}", null));
        await storage.DisposeAsync();

        storage = await OpenAsync();

        Assert.Equal("{\"kept\":true}", (await storage.ReadStateAsync(agent, "agent"))!.Payload);
        await storage.PingAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_row_write_runs_its_follow_ups_only_when_its_check_passes()
    {
        var item = new GrainKey("item", "i1");
        await storage.WriteRowAsync(item, new RowWrite("INSERT INTO items (id, version) VALUES ($1, 1)", ["i1"], Checked: false));

        // Together in one batch: the stale write fails alone, and only the fresh one is counted.
        var fresh = storage.WriteRowAsync(item, CountedSwap(expected: 1));
        var stale = storage.WriteRowAsync(item, CountedSwap(expected: 7));
        await fresh;
        await Assert.ThrowsAsync<InconsistentStateException>(() => stale);
        await storage.WriteRowAsync(item, CountedSwap(expected: 2));
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteRowAsync(item, CountedSwap(expected: 2)));

        Assert.Equal((3L, 2L), await ReadItemAsync("i1"));
    }

    [Fact]
    public async Task A_bulk_write_commits_behind_a_write_that_waits_beside_it()
    {
        var load = new GrainKey("item", "load");

        // The first chunk holds the writer while the second chunk and the plain write queue behind it.
        var first = storage.WriteRowAsync(load, Chunk("first", 1000, SlowInsert));
        var second = storage.WriteRowAsync(load, Chunk("second", 5000));
        var plain = storage.WriteRowAsync(load, new RowWrite("INSERT INTO items (id, version) VALUES ($1, 1)", ["plain"], Checked: false));

        Assert.Same(plain, await Task.WhenAny(second, plain));
        await Task.WhenAll(first, second);
        Assert.Equal(6_001, await CountItemsAsync());
    }

    protected async Task<long> CountItemsAsync()
    {
        await using var connection = await database.CreateDialect().OpenAsync();
        await using var count = connection.Query("SELECT COUNT(*) FROM items");
        return Convert.ToInt64(await count.ExecuteScalarAsync());
    }

    // Each row counts to 2,000 first (about 0.7 ms here), so that a chunk of them holds the writer for long.
    protected const string SlowInsert = "INSERT INTO items (id, version) SELECT $1, " +
        "(WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 2000) SELECT COUNT(*) FROM r)";

    protected static RowWrite Chunk(string name, int rows, string insert = "INSERT INTO items (id, version) VALUES ($1, 1)")
    {
        return new RowWrite(insert, [$"{name}-0"], Checked: false)
        {
            Then = Enumerable.Range(1, rows - 1).Select(i => new RowStatement(insert, [$"{name}-{i}"])).ToArray(),
            Bulk = true,
        };
    }

    private static RowWrite CountedSwap(long expected) =>
        new("UPDATE items SET version = $1 WHERE id = $2 AND version = $3", [expected + 1, "i1", expected])
        {
            Then = [new RowStatement("INSERT INTO item_counts (id, n) VALUES ($1, 1) ON CONFLICT (id) DO UPDATE SET n = item_counts.n + 1", ["i1"])],
        };

    private async Task<(long Version, long Count)> ReadItemAsync(string id)
    {
        await using var connection = await database.CreateDialect().OpenAsync();
        await using var command = connection.Query("SELECT i.version, c.n FROM items i JOIN item_counts c ON c.id = i.id WHERE i.id = @id", ("@id", id));
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    private async Task<long> HeadAsync(GrainKey grain) => (await storage.ReadStateAsync(grain, "agent", withJournalHead: true)).JournalHead;

    private async Task<GrainDatabase> OpenAsync()
    {
        var opened = new GrainDatabase(database.CreateDialect(), [itemTables], time, NullLogger<GrainDatabase>.Instance);
        await opened.InitializeAsync(CancellationToken.None);
        return opened;
    }

    private static StateWrite Write(string payload, long? expected, params JournalEntry[] journal) =>
        new(agent, "agent", payload, expected, journal);

    private static JournalEntry Entry(long sequence) =>
        new(sequence, "agent.state", new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero).AddSeconds(sequence), $"{{\"seq\":{sequence}}}");
}

public sealed class SqliteStorageTests() : StorageSuite(DatabaseKind.Sqlite)
{
    [Fact]
    public async Task A_bulk_write_gives_way_halfway_to_a_write_that_arrives_while_it_runs()
    {
        var load = new GrainKey("item", "load");
        // Seconds of slow rows, so that the writer is well into them when the plain write arrives
        // even when the pause below ends late on a machine busy with other tests (3,000 rows,
        // under a second on a fast day, were all done before it once).
        var chunk = Storage.WriteRowAsync(load, Chunk("chunk", 12_000, SlowInsert));
        await Task.Delay(200);

        var plain = Storage.WriteRowAsync(new GrainKey("item", "plain"), new RowWrite("INSERT INTO items (id, version) VALUES ($1, 1)", ["plain"], Checked: false));

        Assert.Same(plain, await Task.WhenAny(chunk, plain));
        Assert.False(chunk.IsCompleted);
        // The part of the chunk before the plain write committed ahead of it; the rest follows.
        Assert.InRange(await CountItemsAsync(), 2, 12_000);
        await chunk;
        Assert.Equal(12_001, await CountItemsAsync());
    }
}

public sealed class PostgresStorageTests() : StorageSuite(DatabaseKind.Postgres);
