namespace Contact.Tests.Support;

/// <summary>A test class with its own database (SQLite unless told) and silo, fresh for every test.</summary>
public abstract class SiloTest(DatabaseKind kind = DatabaseKind.Sqlite) : IAsyncLifetime
{
    protected Database Database { get; } = new(kind);

    protected TestSilo Silo { get; set; } = null!;

    public virtual async Task InitializeAsync() => Silo = await TestSilo.StartAsync(Database);

    public virtual async Task DisposeAsync()
    {
        await Silo.DisposeAsync();
        Database.Dispose();
    }

    /// <summary>Stops the silo and starts a new one on the same database, with the same clock.</summary>
    protected async Task RestartAsync()
    {
        await Silo.DisposeAsync();
        Silo = await TestSilo.StartAsync(Database, Silo.Time);
    }
}
