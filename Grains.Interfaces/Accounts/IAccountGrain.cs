namespace Contact.Grains.Interfaces;

public static class Roles
{
    public const string Agent = "agent";
    public const string Supervisor = "supervisor";
    public const string Admin = "admin";
    public static readonly IReadOnlyList<string> All = [Agent, Supervisor, Admin];
}

/// <param name="Password">Null keeps the current password.</param>
[GenerateSerializer, Immutable, Alias("Contact.AccountSpec")]
public sealed record AccountSpec(string? Password, string[] Roles, string? AgentId);

/// <summary>Who a verified user is.</summary>
[GenerateSerializer, Immutable, Alias("Contact.AccountIdentity")]
public sealed record AccountIdentity(string Username, string[] Roles, string? AgentId);

/// <summary>A login, keyed by user name. Passwords are kept only as salted PBKDF2 hashes.</summary>
[Alias("Contact.IAccountGrain")]
public interface IAccountGrain : IGrainWithStringKey
{
    [Alias("Exists")]
    Task<bool> Exists();

    [Alias("Set")]
    Task Set(AccountSpec spec);

    /// <summary>The identity when the password matches, else null.</summary>
    [Alias("Verify")]
    Task<AccountIdentity?> Verify(string password);
}
