using Contact.Orleans.Runtime;

namespace Contact.Orleans.Grains.Interfaces;

public static class Roles
{
    public const string Agent = "agent";
    public const string Supervisor = "supervisor";
    public const string Admin = "admin";

    public static readonly IReadOnlyList<string> All = [Agent, Supervisor, Admin];
}

/// <param name="Password">Null keeps the current password.</param>
public sealed record AccountSpec(string? Password, IReadOnlyList<string> Roles, string? AgentId);

/// <summary>Who a verified user is.</summary>
public sealed record AccountIdentity(string Username, IReadOnlyList<string> Roles, string? AgentId);

/// <summary>A login, keyed by user name. Passwords are kept only as salted PBKDF2 hashes.</summary>
public interface IAccountGrain : IGrainWithStringKey
{
    Task<bool> Exists();

    Task Set(AccountSpec spec);

    /// <summary>The identity when the password matches, else null.</summary>
    Task<AccountIdentity?> Verify(string password);
}
