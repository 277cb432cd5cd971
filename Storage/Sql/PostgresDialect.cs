using System.Data.Common;
using Npgsql;

namespace Contact.Storage;

/// <summary>
/// PostgreSQL for production and clusters; commits are durable with the server's default
/// synchronous_commit. One writer by default: on a small machine, fewer and larger batches beat
/// parallel small ones (measured in bench/agent-http: 10k changes/s with one writer, 6k with four).
/// </summary>
public sealed class PostgresDialect(string connectionString, int writers = 1) : SqlDialect
{
    // Statements that run again and again (the writers' batches, the reads) are prepared on the server.
    private readonly NpgsqlDataSource dataSource = new NpgsqlDataSourceBuilder(connectionString)
    {
        ConnectionStringBuilder = { MaxAutoPrepare = 64, AutoPrepareMinUsages = 2 },
    }.Build();

    public override string Name => "postgres";

    /// <summary>This node among those that share the database: it signs its journal notices, and skips its own.</summary>
    internal string Node { get; } = Guid.NewGuid().ToString("N");

    internal string ConnectionString => connectionString;

    public override int WriterCount => writers;

    public override string MigrationLockSql => "SELECT pg_advisory_xact_lock(727274)";

    public override async ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken = default) =>
        await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>Starts a bulk load into one table through COPY, in one transaction beside the other writers.</summary>
    public Task<BulkLoad> BeginBulkLoadAsync(string table, IReadOnlyList<BulkColumn> columns, CancellationToken cancellationToken) =>
        PostgresBulkLoad.BeginAsync(dataSource, table, columns, cancellationToken);

    internal override WriterSession OpenWriter() => new PostgresWriterSession(dataSource.OpenConnection(), Node);

    public override ValueTask DisposeAsync() => dataSource.DisposeAsync();
}
