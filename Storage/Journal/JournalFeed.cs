using System.Collections.Concurrent;
using Contact.Grains.Interfaces;

namespace Contact.Storage;

/// <summary>
/// Live delivery of journal entries to this node's subscribers, after the entries are on disk.
/// Entries written here arrive themselves; of entries written on another node of the cluster,
/// a subscriber hears only that its journal moved on (<see cref="Missed"/>), and reads the stored
/// journal. A subscriber that also reads the stored journal first, and reads it again whenever it
/// is told it missed something or sees a sequence skip, gets every entry, in order, once.
/// </summary>
public sealed class JournalFeed
{
    private readonly ConcurrentDictionary<GrainKey, Listener[]> subscribers = new();

    /// <param name="onEntry">An entry written on this node.</param>
    /// <param name="onMissed">The journal has entries this subscriber was not given: written on another node, or while this node was not listening.</param>
    public IDisposable Subscribe(GrainKey id, Action<JournalEntry> onEntry, Action onMissed)
    {
        var listener = new Listener(onEntry, onMissed);
        subscribers.AddOrUpdate(id, _ => [listener], (_, current) => [.. current, listener]);
        return new Subscription(this, id, listener);
    }

    internal void Publish(GrainKey id, IReadOnlyList<JournalEntry> entries)
    {
        if (!subscribers.TryGetValue(id, out var listeners)) return;
        foreach (var entry in entries)
        {
            foreach (var listener in listeners) listener.OnEntry(entry);
        }
    }

    internal void Missed(GrainKey id)
    {
        if (!subscribers.TryGetValue(id, out var listeners)) return;
        foreach (var listener in listeners) listener.OnMissed();
    }

    /// <summary>Every subscriber may have missed something (the node stopped hearing the others for a while).</summary>
    internal void MissedAll()
    {
        foreach (var listeners in subscribers.Values)
        {
            foreach (var listener in listeners) listener.OnMissed();
        }
    }

    private void Unsubscribe(GrainKey id, Listener listener)
    {
        while (subscribers.TryGetValue(id, out var current))
        {
            var remaining = current.Where(l => l != listener).ToArray();
            var replaced = remaining.Length == 0
                ? subscribers.TryRemove(new KeyValuePair<GrainKey, Listener[]>(id, current))
                : subscribers.TryUpdate(id, remaining, current);
            if (replaced) return;
        }
    }

    // A class, not a record: two subscriptions with the same callbacks are still two.
    private sealed class Listener(Action<JournalEntry> onEntry, Action onMissed)
    {
        public Action<JournalEntry> OnEntry { get; } = onEntry;
        public Action OnMissed { get; } = onMissed;
    }

    private sealed class Subscription(JournalFeed feed, GrainKey id, Listener listener) : IDisposable
    {
        public void Dispose() => feed.Unsubscribe(id, listener);
    }
}
