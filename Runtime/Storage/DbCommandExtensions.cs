using System.Data;
using System.Data.Common;

namespace Contact.Orleans.Runtime.Storage;

/// <summary>Parameters that read the same on both databases (named <c>@x</c>, strings and integers).</summary>
public static class DbCommandExtensions
{
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
