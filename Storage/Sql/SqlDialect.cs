using System.Data.Common;

namespace Contact.Storage;

/// <summary>What differs between the databases; the SQL itself is shared wherever it can be.</summary>
public abstract class SqlDialect : IAsyncDisposable
{
    public abstract string Name { get; }

    /// <summary>How many writer connections batch writes in parallel (grains are spread over them by id).</summary>
    public abstract int WriterCount { get; }

    /// <summary>Taken inside the migration transaction so that silos starting together migrate once.</summary>
    public virtual string? MigrationLockSql => null;

    public abstract ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken = default);

    /// <summary>A writer thread's session, on a connection with the settings that make a commit durable.</summary>
    internal abstract WriterSession OpenWriter();

    public string SqlOf(StorageMigration migration) =>
        this is PostgresDialect && migration.PostgresSql is not null ? migration.PostgresSql : migration.Sql;

    public virtual ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
