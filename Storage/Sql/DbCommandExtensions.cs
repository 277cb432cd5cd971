using System.Data;
using System.Data.Common;

namespace Contact.Storage;

/// <summary>Parameters that read the same on both databases (named <c>@x</c>, strings and integers).</summary>
public static class DbCommandExtensions
{
    /// <summary>A command on this connection with its text and named parameters.</summary>
    public static DbCommand Query(this DbConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters) command.AddParameter(name, value);
        return command;
    }

    /// <summary>Runs the query and gives the first column of every row, as strings.</summary>
    public static async Task<List<string>> ReadStringsAsync(this DbCommand command)
    {
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync()) values.Add(reader.GetString(0));
        return values;
    }

    public static DbParameter AddParameter(this DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.DbType = value is string ? DbType.String : DbType.Int64;
        parameter.Value = value;
        command.Parameters.Add(parameter);
        return parameter;
    }

    public static DbParameter AddParameter(this DbCommand command, string name, DbType type)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.DbType = type;
        command.Parameters.Add(parameter);
        return parameter;
    }
}
