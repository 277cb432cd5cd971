using Npgsql;

namespace Contact.Tests.Support;

/// <summary>
/// The PostgreSQL server that ./test.sh starts (or that CONTACT_TEST_POSTGRES names). Each test
/// class gets a fresh database of its own on it.
/// </summary>
public static class PostgresServer
{
    public const string Variable = "CONTACT_TEST_POSTGRES";

    public static string BaseConnectionString =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{Variable} is not set. Run the suite with ./test.sh, which starts a throwaway PostgreSQL, " +
                $"or set {Variable} to a connection string of a server where databases may be created.");

    public static string CreateDatabase()
    {
        var name = "contact_test_" + Guid.NewGuid().ToString("N")[..12];
        using (var connection = new NpgsqlConnection(BaseConnectionString))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"CREATE DATABASE {name}";
            command.ExecuteNonQuery();
        }
        return new NpgsqlConnectionStringBuilder(BaseConnectionString) { Database = name }.ToString();
    }

    /// <summary>
    /// Drops a database of <see cref="CreateDatabase"/>, ending every connection to it, from any
    /// process: idle pooled connections stay open for minutes, and with a database per test
    /// they would fill the server's connection slots.
    /// </summary>
    public static void DropDatabase(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearPool(new NpgsqlConnection(connectionString));
        using var connection = new NpgsqlConnection(BaseConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"DROP DATABASE IF EXISTS {name} WITH (FORCE)";
        command.ExecuteNonQuery();
    }
}
