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

    [Alias("Add")]
    Task Add(string id);

    [Alias("List")]
    Task<string[]> List();
}
