using System.Security.Claims;
using System.Threading.Channels;
using Contact.Orleans.Api.Problems;
using Contact.Orleans.Grains.Interfaces;
using Contact.Orleans.Runtime;

namespace Contact.Orleans.Api.Agents;

/// <summary>
/// The agent's live stream as Server-Sent Events. Each event's id is its journal sequence, so a
/// client that reconnects with Last-Event-ID gets everything after it from storage, then live
/// events, with no gap and no repeat: the subscription starts before the stored read, and
/// anything seen twice is skipped by its sequence.
/// </summary>
public static class AgentEventsApi
{
    private const int ReplayPage = 500;
    private static readonly TimeSpan keepAlive = TimeSpan.FromSeconds(15);

    public static void MapAgentEvents(this RouteGroupBuilder agents) =>
        agents.MapGet("/{id}/events", StreamEvents).Produces(StatusCodes.Status200OK, contentType: "text/event-stream");

    private static async Task<IResult> StreamEvents(string id, HttpContext http, ClaimsPrincipal caller, GrainRuntime runtime, TimeProvider time)
    {
        if (AgentsApi.Refuse(id, caller) is { } refusal) return refusal;
        var lastHeader = http.Request.Headers["Last-Event-ID"].FirstOrDefault() ?? http.Request.Query["lastEventId"].FirstOrDefault();
        long? lastEventId = null;
        if (!string.IsNullOrEmpty(lastHeader))
        {
            if (!long.TryParse(lastHeader, out var parsed) || parsed < 0)
            {
                return Problem.Invalid("invalid-last-event-id", "Last-Event-ID must be an event id received earlier.",
                    new Dictionary<string, string[]> { ["Last-Event-ID"] = ["a whole number, 0 or more"] });
            }
            lastEventId = parsed;
        }

        var agent = runtime.GetGrain<IAgentGrain>(id);
        await agent.GetView();
        var live = Channel.CreateUnbounded<JournalEntry>(new UnboundedChannelOptions { SingleReader = true });
        using var subscription = runtime.Journal.Subscribe(runtime.IdOf<IAgentGrain>(id), e => live.Writer.TryWrite(e));
        // Without Last-Event-ID the stream starts now: the current state is in GET /agents/{id}.
        var last = lastEventId ?? await agent.GetLastEventId();

        var ct = http.RequestAborted;
        http.Response.Headers.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        http.Response.Headers["X-Accel-Buffering"] = "no";
        await http.Response.WriteAsync(": connected\n\n", ct);
        await http.Response.Body.FlushAsync(ct);

        try
        {
            while (true)
            {
                var page = await agent.GetEvents(last, ReplayPage);
                foreach (var entry in page) last = await WriteAsync(http.Response, entry, ct);
                if (page.Count < ReplayPage) break;
            }
            await http.Response.Body.FlushAsync(ct);
            while (!ct.IsCancellationRequested)
            {
                var wait = live.Reader.WaitToReadAsync(ct).AsTask();
                if (await Task.WhenAny(wait, Task.Delay(keepAlive, time, ct)) != wait)
                {
                    await http.Response.WriteAsync(": keep-alive\n\n", ct);
                    await http.Response.Body.FlushAsync(ct);
                    continue;
                }
                while (live.Reader.TryRead(out var entry))
                {
                    if (entry.Sequence > last) last = await WriteAsync(http.Response, entry, ct);
                }
                await http.Response.Body.FlushAsync(ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        return Results.Empty;
    }

    private static async Task<long> WriteAsync(HttpResponse response, JournalEntry entry, CancellationToken ct)
    {
        await response.WriteAsync($"id: {entry.Sequence}\nevent: {entry.Kind}\ndata: {entry.Payload}\n\n", ct);
        return entry.Sequence;
    }
}
