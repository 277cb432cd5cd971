using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Contact.Bench.GrainStorage;

/// <summary>
/// Microsoft.Orleans.Persistence.AdoNet as the baseline. Its tables and the stored queries it looks
/// up by key are written here to the provider's contract (its parameter and column names); Orleans
/// ships the scripts only in its source. A write is one upsert statement, committed on its own,
/// which is what the provider does per write.
/// </summary>
internal static class StockStorage
{
    public const string Name = "adonet";

    private const string Tables = """
        CREATE TABLE IF NOT EXISTS OrleansQuery (QueryKey varchar(64) NOT NULL PRIMARY KEY, QueryText varchar(8000) NOT NULL);
        CREATE TABLE OrleansStorage (
            GrainIdHash integer NOT NULL, GrainIdN0 bigint NOT NULL, GrainIdN1 bigint NOT NULL,
            GrainTypeHash integer NOT NULL, GrainTypeString varchar(512) NOT NULL, GrainIdExtensionString varchar(512) NOT NULL,
            ServiceId varchar(150) NOT NULL, PayloadBinary {blob}, ModifiedOn {time} NOT NULL, Version integer);
        CREATE UNIQUE INDEX OrleansStorage_Key ON OrleansStorage
            (GrainIdHash, GrainTypeHash, GrainIdN0, GrainIdN1, GrainTypeString, GrainIdExtensionString, ServiceId);
        INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
        ('ReadFromStorageKey', 'SELECT PayloadBinary, Version FROM OrleansStorage WHERE GrainIdHash = @GrainIdHash AND GrainTypeHash = @GrainTypeHash
            AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1 AND GrainTypeString = @GrainTypeString
            AND GrainIdExtensionString = @GrainIdExtensionString AND ServiceId = @ServiceId'),
        ('WriteToStorageKey', 'INSERT INTO OrleansStorage (GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeHash, GrainTypeString,
                GrainIdExtensionString, ServiceId, PayloadBinary, ModifiedOn, Version)
            VALUES (@GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString, @GrainIdExtensionString, @ServiceId,
                @PayloadBinary, CURRENT_TIMESTAMP, 1)
            ON CONFLICT (GrainIdHash, GrainTypeHash, GrainIdN0, GrainIdN1, GrainTypeString, GrainIdExtensionString, ServiceId)
            DO UPDATE SET PayloadBinary = excluded.PayloadBinary, ModifiedOn = excluded.ModifiedOn, Version = OrleansStorage.Version + 1
            WHERE OrleansStorage.Version = @GrainStateVersion
            RETURNING Version AS NewGrainStateVersion'),
        ('ClearStorageKey', 'UPDATE OrleansStorage SET PayloadBinary = NULL, Version = Version + 1 WHERE GrainIdHash = @GrainIdHash
            AND GrainTypeHash = @GrainTypeHash AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1 AND GrainTypeString = @GrainTypeString
            AND GrainIdExtensionString = @GrainIdExtensionString AND ServiceId = @ServiceId AND Version = @GrainStateVersion
            RETURNING Version');
        """;

    public static async Task CreateTablesAsync(string kind, string target)
    {
        await using DbConnection connection = kind == "sqlite" ? new SqliteConnection($"Data Source={target}") : new NpgsqlConnection(target);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = kind == "sqlite"
            ? Tables.Replace("{blob}", "BLOB").Replace("{time}", "TEXT")
            : Tables.Replace("{blob}", "bytea").Replace("{time}", "timestamptz");
        await command.ExecuteNonQueryAsync();
    }

    public static void Add(IServiceCollection services, string kind, string target) =>
        services.AddAdoNetGrainStorage(Name, options =>
        {
            // Orleans' name for SQLite, served by Microsoft.Data.Sqlite.
            options.Invariant = kind == "sqlite" ? "System.Data.SQLite" : "Npgsql";
            options.ConnectionString = kind == "sqlite" ? $"Data Source={target}" : target;
        });
}
