using Contact.Orleans.Runtime;

namespace Contact.Orleans.Grains.Interfaces;

/// <summary>
/// The ids of everything of one kind (key "agents", "services", "campaigns"): grains cannot be queried, so
/// lists start here.
/// </summary>
public interface IDirectoryGrain : IGrainWithStringKey
{
    public const string Agents = "agents";
    public const string Services = "services";
    public const string Campaigns = "campaigns";

    Task Add(string id);

    Task<IReadOnlyList<string>> List();
}
