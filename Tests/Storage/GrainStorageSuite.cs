using Contact.Storage;
using Contact.Tests.Support;
using Contact.Tests.TestGrains;
using Orleans.Storage;

namespace Contact.Tests.Storage;

/// <summary>The product's storage provider as Orleans grains use it, on each database.</summary>
public abstract class GrainStorageSuite(DatabaseKind kind) : SiloTest(kind)
{

    [Fact]
    public async Task State_and_its_journal_entries_are_written_together_and_read_back_after_a_restart()
    {
        var grain = Silo.Grains.GetGrain<IValueGrain>("v1");
        await grain.Set("a");
        await grain.Set("b");

        await RestartAsync();
        grain = Silo.Grains.GetGrain<IValueGrain>("v1");
        Assert.Equal(("b", "2"), (await grain.Get(), await grain.Etag()));
        await grain.Set("c");

        var journal = await grain.Journal();
        Assert.Equal([1L, 2L, 3L], journal.Select(e => e.Sequence));
        Assert.Equal(["{\"value\":\"a\"}", "{\"value\":\"b\"}", "{\"value\":\"c\"}"], journal.Select(e => e.Payload));
        Assert.Equal("3", await grain.Etag());
    }

    [Fact]
    public async Task A_write_that_lost_to_another_writer_throws_drops_the_activation_and_keeps_the_stored_state()
    {
        var grain = Silo.Grains.GetGrain<IValueGrain>("v1");
        await grain.Set("mine");
        await WriteBehindTheGrainsBackAsync("v1", "theirs");

        await Assert.ThrowsAsync<InconsistentStateException>(() => grain.Set("late"));

        // The next call finds a new activation, which reads what is stored: the other writer's value.
        Assert.Equal("theirs", await Eventually.Until(grain.Get, value => value == "theirs"));
        Assert.Equal(2, Silo.Get<TestLog>().Events.Count(e => e.StartsWith("activate v1", StringComparison.Ordinal)));
        Assert.Equal(["{\"value\":\"mine\"}"], (await grain.Journal()).Select(e => e.Payload));
        await grain.Set("again");
        Assert.Equal("again", await grain.Get());
    }

    [Fact]
    public async Task Rows_are_keyed_by_grain_type_so_equal_state_names_never_meet()
    {
        await Silo.Grains.GetGrain<IValueGrain>("k").Set("value grain");
        await Silo.Grains.GetGrain<ISameNameGrain>("k").Set("other grain");

        await RestartAsync();

        Assert.Equal("value grain", await Silo.Grains.GetGrain<IValueGrain>("k").Get());
        Assert.Equal("other grain", await Silo.Grains.GetGrain<ISameNameGrain>("k").Get());
        Assert.NotNull(await Silo.Storage.ReadStateAsync(new GrainKey("test-value", "k"), "value"));
        Assert.NotNull(await Silo.Storage.ReadStateAsync(new GrainKey("test-same-name", "k"), "value"));
    }

    [Fact]
    public async Task Clearing_removes_the_record()
    {
        var grain = Silo.Grains.GetGrain<IValueGrain>("v1");
        await grain.Set("gone soon");

        await grain.Clear();

        Assert.Null(await grain.Etag());
        Assert.Null(await Silo.Storage.ReadStateAsync(new GrainKey("test-value", "v1"), "value"));
    }

    [Fact]
    public async Task A_write_made_while_the_silo_stops_is_on_disk_before_the_database_closes()
    {
        await Silo.Grains.GetGrain<IValueGrain>("v1").SetOnDeactivate("written on the way out");

        await RestartAsync();

        Assert.Equal("written on the way out", await Silo.Grains.GetGrain<IValueGrain>("v1").Get());
    }

    private async Task WriteBehindTheGrainsBackAsync(string key, string value)
    {
        await using var connection = await Database.CreateDialect().OpenAsync();
        await using var command = connection.Query(
            "UPDATE grain_state SET payload = @payload, version = version + 1 WHERE grain_type = 'test-value' AND grain_key = @key",
            ("@payload", $"{{\"value\":\"{value}\",\"writes\":9}}"), ("@key", key));
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }
}

public sealed class SqliteGrainStorageTests() : GrainStorageSuite(DatabaseKind.Sqlite);

public sealed class PostgresGrainStorageTests() : GrainStorageSuite(DatabaseKind.Postgres);
