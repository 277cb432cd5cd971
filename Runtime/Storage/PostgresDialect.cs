using System.Data.Common;
using Npgsql;

namespace Contact.Orleans.Runtime.Storage;

/// <summary>PostgreSQL for production and clusters; commits are durable with the server's default synchronous_commit.</summary>
public sealed class PostgresDialect(string connectionString, int writers = 4) : SqlDialect
{
    private readonly NpgsqlDataSource dataSource = NpgsqlDataSource.Create(connectionString);

    public override string Name => "postgres";

    public override int WriterCount => writers;

    public override string MigrationLockSql => "SELECT pg_advisory_xact_lock(727274)";

    public override async ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken = default) =>
        await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

    public override DbConnection OpenWriter() => dataSource.OpenConnection();

    public override ValueTask DisposeAsync() => dataSource.DisposeAsync();
}
