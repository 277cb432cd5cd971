namespace Contact.Grains.Interfaces;

public static class Roles
{
    public const string Agent = "agent";
    public const string Supervisor = "supervisor";
    public const string Admin = "admin";
    public static readonly IReadOnlyList<string> All = [Agent, Supervisor, Admin];
}

/// <param name="Password">Null keeps the current password (a new account needs one).</param>
/// <param name="Roles">Null keeps the current roles (a new account is an agent).</param>
[GenerateSerializer, Immutable, Alias("Contact.AccountSpec")]
public sealed record AccountSpec(string? Password, string[]? Roles, string? AgentId);

/// <summary>Who a verified user is.</summary>
[GenerateSerializer, Immutable, Alias("Contact.AccountIdentity")]
public sealed record AccountIdentity(string Username, string[] Roles, string? AgentId);

/// <summary>A login, keyed by user name. Passwords are kept only as salted PBKDF2 hashes.</summary>
[Alias("Contact.IAccountGrain")]
public interface IAccountGrain : IGrainWithStringKey
{
    [Alias("Exists")]
    Task<bool> Exists();

    /// <summary>Creates or updates the login; the last account with the admin role cannot lose it (<c>last-admin</c>).</summary>
    [Alias("Set")]
    Task Set(AccountSpec spec);

    /// <summary>Sets a new password and gives back the admin and supervisor roles: the recovery of a lost admin password.</summary>
    [Alias("Recover")]
    Task Recover(string password);

    /// <summary>Lists this account among the admins when it has the role (accounts made before that list existed).</summary>
    [Alias("Announce")]
    Task Announce();

    /// <summary>The identity when the password matches, else null.</summary>
    [Alias("Verify")]
    Task<AccountIdentity?> Verify(string password);
}
