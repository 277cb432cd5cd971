using System.Data.Common;

namespace Contact.Storage;

/// <summary>Brings the schema up to date at start, idempotently, recording each module's version.</summary>
internal static class SchemaMigrator
{
    public static async Task MigrateAsync(SqlDialect dialect, IEnumerable<StorageMigration> migrations, CancellationToken cancellationToken)
    {
        await using var connection = await dialect.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        if (dialect.MigrationLockSql is { } lockSql) await ExecuteAsync(connection, transaction, lockSql).ConfigureAwait(false);
        await ExecuteAsync(connection, transaction,
            "CREATE TABLE IF NOT EXISTS schema_version (module TEXT PRIMARY KEY, version BIGINT NOT NULL)").ConfigureAwait(false);

        foreach (var module in migrations.GroupBy(m => m.Module))
        {
            var current = await CurrentVersionAsync(connection, transaction, module.Key).ConfigureAwait(false);
            foreach (var step in module.Where(m => m.Version > current).OrderBy(m => m.Version))
            {
                await ExecuteAsync(connection, transaction, dialect.SqlOf(step)).ConfigureAwait(false);
                await ExecuteAsync(connection, transaction,
                    "INSERT INTO schema_version (module, version) VALUES (@module, @version) " +
                    "ON CONFLICT (module) DO UPDATE SET version = excluded.version",
                    ("@module", module.Key), ("@version", (long)step.Version)).ConfigureAwait(false);
            }
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<long> CurrentVersionAsync(DbConnection connection, DbTransaction transaction, string module)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT version FROM schema_version WHERE module = @module";
        command.AddParameter("@module", module);
        return await command.ExecuteScalarAsync().ConfigureAwait(false) is { } value ? Convert.ToInt64(value) : 0;
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction transaction, string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters) command.AddParameter(name, value);
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
    }
}
