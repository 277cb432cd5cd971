using System.Collections.Concurrent;

namespace Contact.Grains.Agents;

/// <summary>
/// One string per service id for all the agents of a silo: each agent's record names its
/// services, and read from storage each would otherwise hold copies of its own.
/// </summary>
internal static class ServiceIds
{
    // Services are an administrator's handful, but the ids come from requests: past this many
    // the pool stops growing and further ids stay each agent's own.
    private const int Limit = 1024;

    private static readonly ConcurrentDictionary<string, string> shared = new(StringComparer.Ordinal);

    public static string Share(string id) =>
        shared.TryGetValue(id, out var one) ? one : shared.Count < Limit ? shared.GetOrAdd(id, id) : id;

    /// <summary>Replaces, in place, each id of an array the caller owns with the shared one.</summary>
    public static string[] Share(string[] ids)
    {
        for (var i = 0; i < ids.Length; i++) ids[i] = Share(ids[i]);
        return ids;
    }
}
