using Contact.Storage;

namespace Contact.Tests.Support;

public enum DatabaseKind
{
    Sqlite,
    Postgres,
}

/// <summary>A fresh, empty database of either kind for one test (or one test class).</summary>
public sealed class Database : IDisposable
{
    private readonly string? directory;

    public Database(DatabaseKind kind)
    {
        Kind = kind;
        if (kind == DatabaseKind.Sqlite)
        {
            directory = Path.Combine(Path.GetTempPath(), "contact-tests", Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(directory);
            SqlitePath = Path.Combine(directory, "contact.db");
        }
        else
        {
            PostgresConnectionString = PostgresServer.CreateDatabase();
        }
    }

    public DatabaseKind Kind { get; }
    public string? SqlitePath { get; }
    public string? PostgresConnectionString { get; }

    public SqlDialect CreateDialect() => Kind == DatabaseKind.Sqlite
        ? new SqliteDialect(SqlitePath!)
        : new PostgresDialect(PostgresConnectionString!);

    /// <summary>Configuration keys that point the server at this database.</summary>
    public IReadOnlyDictionary<string, string> Settings => Kind == DatabaseKind.Sqlite
        ? new Dictionary<string, string> { ["Contact:Storage"] = "Sqlite", ["Contact:Sqlite:Path"] = SqlitePath! }
        : new Dictionary<string, string> { ["Contact:Storage"] = "Postgres", ["ConnectionStrings:Contact"] = PostgresConnectionString! };

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (PostgresConnectionString is not null) PostgresServer.DropDatabase(PostgresConnectionString);
        if (directory is not null && Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
    }
}
