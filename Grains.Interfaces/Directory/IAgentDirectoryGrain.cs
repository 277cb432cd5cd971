using Contact.Orleans.Runtime;

namespace Contact.Orleans.Grains.Interfaces;

/// <summary>The list of all agent ids (one instance, key "all"): grains cannot be queried, so supervisors' lists start here.</summary>
public interface IAgentDirectoryGrain : IGrainWithStringKey
{
    public const string Key = "all";

    Task Add(string agentId);

    Task<IReadOnlyList<string>> List();
}
