using System.Threading.Channels;
using Contact.Api.Problems;
using Contact.Grains.Interfaces;
using Contact.Storage;

namespace Contact.Api.Streams;

/// <summary>
/// A grain journal as Server-Sent Events. Each event's id is its journal sequence, so a client
/// that reconnects with Last-Event-ID gets everything after it from storage, then live events,
/// with no gap and no repeat: the subscription starts before the stored read, anything seen
/// twice is skipped by its sequence, and the stored journal is read again whenever the feed says
/// entries were written elsewhere (another node of the cluster) or a sequence is skipped.
/// A stored read that the cluster cannot answer for a moment (the grain's silo was lost, and the
/// grain is not yet active on another) is a read, so it is sent again; the stream ends cleanly,
/// for the client to reconnect with Last-Event-ID, only if the cluster stays unable to answer.
/// </summary>
public static class EventStream
{
    private const int ReplayPage = 500;
    private static readonly TimeSpan keepAlive = TimeSpan.FromSeconds(15);
    // A lost silo's grains are active again elsewhere within about 3 s (Tests/Cluster/FailoverTests.cs).
    private static readonly TimeSpan readPatience = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan readPause = TimeSpan.FromMilliseconds(250);

    /// <summary>Last-Event-ID from the header, or from ?lastEventId= for browsers' EventSource.</summary>
    public static bool TryReadLastEventId(HttpRequest request, out long? lastEventId, out IResult? problem)
    {
        lastEventId = null;
        problem = null;
        var text = request.Headers["Last-Event-ID"].FirstOrDefault() ?? request.Query["lastEventId"].FirstOrDefault();
        if (string.IsNullOrEmpty(text)) return true;
        if (long.TryParse(text, out var parsed) && parsed >= 0)
        {
            lastEventId = parsed;
            return true;
        }
        problem = Problem.Invalid("invalid-last-event-id", "Last-Event-ID must be an event id received earlier.",
            new Dictionary<string, string[]> { ["Last-Event-ID"] = ["a whole number, 0 or more"] });
        return false;
    }

    /// <param name="read">Reads stored entries after a sequence.</param>
    /// <param name="startAfter">Where to start: the client's Last-Event-ID, or the newest entry's sequence.</param>
    /// <param name="include">Which entries this client may see.</param>
    public static async Task<IResult> RunAsync(HttpContext http, JournalFeed feed, GrainKey id, TimeProvider time,
        Func<long, int, Task<JournalEntry[]>> read, Func<Task<long>> startAfter, Func<JournalEntry, bool> include)
    {
        // An entry written on this node, or null: read the stored journal again.
        var entries = Channel.CreateUnbounded<JournalEntry?>(new UnboundedChannelOptions { SingleReader = true });
        using var subscription = feed.Subscribe(id, e => entries.Writer.TryWrite(e), () => entries.Writer.TryWrite(null));
        var last = await startAfter();

        // A stream ends when its client leaves or when the server stops: an open stream would hold
        // the server's shutdown until its timeout, and the client reconnects with Last-Event-ID.
        var stopping = http.RequestServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        using var ended = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, stopping);
        var ct = ended.Token;
        http.Response.Headers.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        http.Response.Headers["X-Accel-Buffering"] = "no";
        try
        {
            var patientRead = Patient(read, time, ct);
            last = await CatchUpAsync(http.Response, last, patientRead, include, ct);
            // One wait for new entries at a time (the channel has a single reader), and one
            // keep-alive timer. The ": live" comment marks the end of the replay; it and each
            // keep-alive are written after the next timer is armed, so a client that has read
            // one knows the next keep-alive will come.
            Task<bool>? arrival = null;
            Task? quiet = null;
            var live = false;
            while (!ct.IsCancellationRequested)
            {
                while (entries.Reader.TryRead(out var entry))
                {
                    if (entry is null || entry.Sequence > last + 1) last = await CatchUpAsync(http.Response, last, patientRead, include, ct);
                    else if (entry.Sequence == last + 1) last = await WriteAsync(http.Response, entry, include, ct);
                }
                arrival ??= entries.Reader.WaitToReadAsync(ct).AsTask();
                quiet ??= Task.Delay(keepAlive, time, ct);
                if (!live)
                {
                    await http.Response.WriteAsync(": live\n\n", ct);
                    live = true;
                }
                await http.Response.Body.FlushAsync(ct);
                if (await Task.WhenAny(arrival, quiet) == quiet)
                {
                    quiet = Task.Delay(keepAlive, time, ct);
                    await http.Response.WriteAsync(": keep-alive\n\n", ct);
                }
                else
                {
                    arrival = null;
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        catch (Exception unanswered) when (IsTransient(unanswered))
        {
            // Ending the response, rather than throwing, lets the client see a clean end and reconnect.
        }
        return Results.Empty;
    }

    /// <summary><paramref name="read"/>, sent again while the cluster cannot answer it, for up to <see cref="readPatience"/>.</summary>
    private static Func<long, int, Task<JournalEntry[]>> Patient(Func<long, int, Task<JournalEntry[]>> read, TimeProvider time, CancellationToken ct) =>
        async (after, count) =>
        {
            var giveUpAt = time.GetUtcNow() + readPatience;
            while (true)
            {
                try
                {
                    return await read(after, count);
                }
                catch (Exception unanswered) when (IsTransient(unanswered) && time.GetUtcNow() < giveUpAt)
                {
                    await Task.Delay(readPause, time, ct);
                }
            }
        };

    // What the API answers 503 for: the call did not get an answer, and may get one if sent again.
    private static bool IsTransient(Exception exception) => exception is OrleansMessageRejectionException or TimeoutException;

    /// <summary>Writes the stored entries after <paramref name="last"/>; returns the last one's sequence.</summary>
    private static async Task<long> CatchUpAsync(HttpResponse response, long last, Func<long, int, Task<JournalEntry[]>> read,
        Func<JournalEntry, bool> include, CancellationToken ct)
    {
        while (true)
        {
            var page = await read(last, ReplayPage);
            foreach (var entry in page) last = await WriteAsync(response, entry, include, ct);
            if (page.Length < ReplayPage) return last;
        }
    }

    private static async Task<long> WriteAsync(HttpResponse response, JournalEntry entry, Func<JournalEntry, bool> include, CancellationToken ct)
    {
        if (include(entry)) await response.WriteAsync($"id: {entry.Sequence}\nevent: {entry.Kind}\ndata: {entry.Payload}\n\n", ct);
        return entry.Sequence;
    }
}
