using System.Security.Claims;
using Contact.Api.OpenApi;
using Contact.Api.Streams;
using Contact.Grains.Interfaces;
using Contact.Storage;

namespace Contact.Api.Agents;

/// <summary>The agent's live stream: state changes, offers, customers' chat messages, ended chats.</summary>
public static class AgentEventsApi
{
    public static void MapAgentEvents(this RouteGroupBuilder agents) =>
        agents.MapGet("/{id}/events", StreamEvents)
            .WithSummary("The agent's live events (Server-Sent Events)").TakesQueryStringCredentials().StreamsEvents(LiveEvents.AgentStream)
            .RefusesLikeOnAgent().Refuses(StatusCodes.Status400BadRequest, "invalid-last-event-id");

    private static async Task<IResult> StreamEvents(string id, HttpContext http, ClaimsPrincipal caller, IGrainFactory grains, JournalFeed feed, TimeProvider time)
    {
        if (AgentsApi.Refuse(id, caller) is { } refusal) return refusal;
        if (!EventStream.TryReadLastEventId(http.Request, out var lastEventId, out var problem)) return problem!;
        var agent = grains.GetGrain<IAgentGrain>(id);
        await agent.GetView();
        // Without Last-Event-ID the stream starts now: the current state is in GET /agents/{id}.
        return await EventStream.RunAsync(http, feed, GrainKey.Of(agent.GetGrainId()), time,
            agent.GetEvents, () => lastEventId is { } known ? Task.FromResult(known) : agent.GetLastEventId(), _ => true);
    }
}
