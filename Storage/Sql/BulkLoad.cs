namespace Contact.Storage;

public enum BulkColumnType
{
    Text,
    Int64,
}

public sealed record BulkColumn(string Name, BulkColumnType Type);

/// <summary>
/// Rows streamed into one table through the database's fast path: nothing is visible, and
/// nothing stays, unless <see cref="CompleteAsync"/> commits. Disposing without completing
/// removes every row written.
/// </summary>
public abstract class BulkLoad : IAsyncDisposable
{
    /// <summary>One row, values in the order of the columns; strings and longs, never null.</summary>
    public abstract ValueTask WriteAsync(object[] row, CancellationToken cancellationToken);

    /// <summary>Commits every row written; durable when it returns.</summary>
    public abstract Task CompleteAsync(CancellationToken cancellationToken);

    public abstract ValueTask DisposeAsync();
}
