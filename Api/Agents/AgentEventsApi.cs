using System.Security.Claims;
using Contact.Orleans.Api.Streams;
using Contact.Orleans.Grains.Interfaces;
using Contact.Orleans.Runtime;

namespace Contact.Orleans.Api.Agents;

/// <summary>The agent's live stream: state changes, offers, customers' chat messages, ended chats.</summary>
public static class AgentEventsApi
{
    public static void MapAgentEvents(this RouteGroupBuilder agents) =>
        agents.MapGet("/{id}/events", StreamEvents).Produces(StatusCodes.Status200OK, contentType: "text/event-stream");

    private static async Task<IResult> StreamEvents(string id, HttpContext http, ClaimsPrincipal caller, GrainRuntime runtime, TimeProvider time)
    {
        if (AgentsApi.Refuse(id, caller) is { } refusal) return refusal;
        if (!EventStream.TryReadLastEventId(http.Request, out var lastEventId, out var problem)) return problem!;
        var agent = runtime.GetGrain<IAgentGrain>(id);
        await agent.GetView();
        // Without Last-Event-ID the stream starts now: the current state is in GET /agents/{id}.
        return await EventStream.RunAsync(http, runtime.Journal, runtime.IdOf<IAgentGrain>(id), time,
            agent.GetEvents, () => lastEventId is { } known ? Task.FromResult(known) : agent.GetLastEventId(), _ => true);
    }
}
