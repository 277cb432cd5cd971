using System.Data;
using Microsoft.Data.Sqlite;

namespace Contact.Storage;

/// <summary>
/// SQLite's fast path: one transaction and one prepared INSERT run once per row, in the process.
/// The transaction holds SQLite's single write lock until it ends, so the grain writer waits
/// (its busy timeout is 30 s) while a large list loads.
/// </summary>
internal sealed class SqliteBulkLoad : BulkLoad
{
    private readonly SqliteConnection connection;
    private readonly SqliteTransaction transaction;
    private readonly SqliteCommand insert;
    private bool completed;

    private SqliteBulkLoad(SqliteConnection connection, string table, IReadOnlyList<BulkColumn> columns)
    {
        this.connection = connection;
        transaction = connection.BeginTransaction(deferred: false);
        insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = $"INSERT INTO {table} ({string.Join(", ", columns.Select(c => c.Name))}) " +
                             $"VALUES ({string.Join(", ", columns.Select((_, i) => "$" + (i + 1)))})";
        for (var i = 0; i < columns.Count; i++)
        {
            insert.Parameters.Add(new SqliteParameter("$" + (i + 1), columns[i].Type == BulkColumnType.Text ? SqliteType.Text : SqliteType.Integer));
        }
        insert.Prepare();
    }

    public static async Task<BulkLoad> BeginAsync(string connectionString, string table, IReadOnlyList<BulkColumn> columns, CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        using (var settings = connection.CreateCommand())
        {
            settings.CommandText = "PRAGMA synchronous=FULL; PRAGMA busy_timeout=30000;";
            settings.ExecuteNonQuery();
        }
        return new SqliteBulkLoad(connection, table, columns);
    }

    public override ValueTask WriteAsync(object[] row, CancellationToken cancellationToken)
    {
        for (var i = 0; i < row.Length; i++) insert.Parameters[i].Value = row[i];
        insert.ExecuteNonQuery();
        return ValueTask.CompletedTask;
    }

    public override Task CompleteAsync(CancellationToken cancellationToken)
    {
        transaction.Commit();
        completed = true;
        return Task.CompletedTask;
    }

    public override async ValueTask DisposeAsync()
    {
        if (!completed) transaction.Rollback();
        await insert.DisposeAsync().ConfigureAwait(false);
        await transaction.DisposeAsync().ConfigureAwait(false);
        await connection.DisposeAsync().ConfigureAwait(false);
    }
}
