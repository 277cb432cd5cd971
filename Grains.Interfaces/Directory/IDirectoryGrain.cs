namespace Contact.Grains.Interfaces;

/// <summary>
/// The ids of everything of one kind (key "agents", "services", "campaigns"): grains cannot be queried, so
/// lists start here.
/// </summary>
[Alias("Contact.IDirectoryGrain")]
public interface IDirectoryGrain : IGrainWithStringKey
{
    public const string Agents = "agents";
    public const string Services = "services";
    public const string Campaigns = "campaigns";

    /// <summary>The accounts with the admin role, so that the last one keeps it.</summary>
    public const string Admins = "admins";

    [Alias("Add")]
    Task Add(string id);

    [Idempotent]
    [Alias("List")]
    Task<string[]> List();

    /// <summary>Removes <paramref name="id"/> unless no other id would be left; false when it was the only one (or not listed and none is).</summary>
    [Alias("RemoveUnlessLast")]
    Task<bool> RemoveUnlessLast(string id);
}
