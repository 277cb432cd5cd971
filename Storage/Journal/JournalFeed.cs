using System.Collections.Concurrent;
using Contact.Grains.Interfaces;

namespace Contact.Storage;

/// <summary>
/// Live delivery of journal entries, in this silo, after they are on disk. A subscriber that
/// also reads the stored journal first can resume from any sequence without gaps.
/// </summary>
public sealed class JournalFeed
{
    private readonly ConcurrentDictionary<GrainKey, Action<JournalEntry>[]> subscribers = new();

    public IDisposable Subscribe(GrainKey id, Action<JournalEntry> onEntry)
    {
        subscribers.AddOrUpdate(id, _ => [onEntry], (_, current) => [.. current, onEntry]);
        return new Subscription(this, id, onEntry);
    }

    internal void Publish(GrainKey id, IReadOnlyList<JournalEntry> entries)
    {
        if (!subscribers.TryGetValue(id, out var listeners)) return;
        foreach (var entry in entries)
        {
            foreach (var listener in listeners) listener(entry);
        }
    }

    private void Unsubscribe(GrainKey id, Action<JournalEntry> onEntry)
    {
        while (subscribers.TryGetValue(id, out var current))
        {
            var remaining = current.Where(l => l != onEntry).ToArray();
            var replaced = remaining.Length == 0
                ? subscribers.TryRemove(new KeyValuePair<GrainKey, Action<JournalEntry>[]>(id, current))
                : subscribers.TryUpdate(id, remaining, current);
            if (replaced) return;
        }
    }

    private sealed class Subscription(JournalFeed feed, GrainKey id, Action<JournalEntry> onEntry) : IDisposable
    {
        public void Dispose() => feed.Unsubscribe(id, onEntry);
    }
}
