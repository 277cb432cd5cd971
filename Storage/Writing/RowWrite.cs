namespace Contact.Storage;

/// <summary>
/// One statement on a table of the domain's own (a grain whose state is a row that must be
/// queried, such as a calling record). Parameters are positional, written <c>$1</c>, <c>$2</c>...,
/// which both databases read. Values are strings and integers; never null.
/// </summary>
/// <param name="Checked">When true the statement is a compare-and-swap: it must change exactly
/// one row, and changing none means another activation wrote first (InconsistentStateException).</param>
public sealed record RowWrite(string Sql, IReadOnlyList<object> Values, bool Checked = true)
{
    /// <summary>
    /// Statements that belong to the same change (a counter kept beside the row, say): they run in
    /// the same transaction, after the statement, and only when it applied.
    /// </summary>
    public IReadOnlyList<RowStatement> Then { get; init; } = [];

    /// <summary>
    /// Many rows of one load, never checked: the writer commits it behind the writes that wait
    /// beside it and, on SQLite, cuts it short to let a write that arrives meanwhile commit, then
    /// goes on in another transaction. So a grain's write never waits behind a load, but a bulk
    /// write is not atomic: when it fails, some of its statements may have committed, and writes
    /// of the same key may commit in another order than they were sent.
    /// </summary>
    public bool Bulk { get; init; }
}

/// <summary>A statement that follows a <see cref="RowWrite"/>; parameters as there.</summary>
public sealed record RowStatement(string Sql, IReadOnlyList<object> Values);
