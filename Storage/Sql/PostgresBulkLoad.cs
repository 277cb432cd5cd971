using Npgsql;
using NpgsqlTypes;

namespace Contact.Storage;

/// <summary>PostgreSQL's fast path: binary COPY inside a transaction, committed only when complete.</summary>
internal sealed class PostgresBulkLoad(NpgsqlConnection connection, NpgsqlTransaction transaction, NpgsqlBinaryImporter importer, NpgsqlDbType[] types)
    : BulkLoad
{
    private bool completed;

    public static async Task<BulkLoad> BeginAsync(NpgsqlDataSource dataSource, string table, IReadOnlyList<BulkColumn> columns, CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var importer = await connection.BeginBinaryImportAsync(
            $"COPY {table} ({string.Join(", ", columns.Select(c => c.Name))}) FROM STDIN (FORMAT BINARY)", cancellationToken).ConfigureAwait(false);
        var types = columns.Select(c => c.Type == BulkColumnType.Text ? NpgsqlDbType.Text : NpgsqlDbType.Bigint).ToArray();
        return new PostgresBulkLoad(connection, transaction, importer, types);
    }

    public override async ValueTask WriteAsync(object[] row, CancellationToken cancellationToken)
    {
        await importer.StartRowAsync(cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < row.Length; i++)
        {
            if (types[i] == NpgsqlDbType.Text) await importer.WriteAsync((string)row[i], NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
            else await importer.WriteAsync((long)row[i], NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
        }
    }

    public override async Task CompleteAsync(CancellationToken cancellationToken)
    {
        await importer.CompleteAsync(cancellationToken).ConfigureAwait(false);
        await importer.DisposeAsync().ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        completed = true;
    }

    public override async ValueTask DisposeAsync()
    {
        // An importer disposed before CompleteAsync cancels the COPY; the rollback drops the rest.
        await importer.DisposeAsync().ConfigureAwait(false);
        if (!completed) await transaction.RollbackAsync().ConfigureAwait(false);
        await transaction.DisposeAsync().ConfigureAwait(false);
        await connection.DisposeAsync().ConfigureAwait(false);
    }
}
