using System.Collections.Concurrent;

namespace Contact.Orleans.Runtime;

/// <summary>
/// Live delivery of journal entries, in this silo, after they are on disk. A subscriber that
/// also reads the stored journal first can resume from any sequence without gaps.
/// </summary>
public sealed class JournalFeed
{
    private readonly ConcurrentDictionary<GrainId, Action<JournalEntry>[]> subscribers = new();

    public IDisposable Subscribe(GrainId id, Action<JournalEntry> onEntry)
    {
        subscribers.AddOrUpdate(id, _ => [onEntry], (_, current) => [.. current, onEntry]);
        return new Subscription(this, id, onEntry);
    }

    internal void Publish(GrainId id, IReadOnlyList<JournalEntry> entries)
    {
        if (!subscribers.TryGetValue(id, out var listeners)) return;
        foreach (var entry in entries)
        {
            foreach (var listener in listeners) listener(entry);
        }
    }

    private void Unsubscribe(GrainId id, Action<JournalEntry> onEntry)
    {
        while (subscribers.TryGetValue(id, out var current))
        {
            var remaining = current.Where(l => l != onEntry).ToArray();
            var replaced = remaining.Length == 0
                ? subscribers.TryRemove(new KeyValuePair<GrainId, Action<JournalEntry>[]>(id, current))
                : subscribers.TryUpdate(id, remaining, current);
            if (replaced) return;
        }
    }

    private sealed class Subscription(JournalFeed feed, GrainId id, Action<JournalEntry> onEntry) : IDisposable
    {
        public void Dispose() => feed.Unsubscribe(id, onEntry);
    }
}
