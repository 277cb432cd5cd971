using Contact.Grains.Agents;
using Contact.Grains.Calls;
using Contact.Grains.Chats;
using Contact.Grains.Interfaces;

namespace Contact.Api.OpenApi;

/// <summary>One kind of event on a live stream: its SSE <c>event</c> name and the JSON of its <c>data</c>.</summary>
/// <param name="SchemaName">The event's schema in the OpenAPI document.</param>
public sealed record LiveEvent(string Name, Type Payload, string SchemaName, string Description);

/// <summary>The events of each live stream, as the OpenAPI document lists them and the tests check them.</summary>
public static class LiveEvents
{
    public static readonly IReadOnlyList<LiveEvent> AgentStream =
    [
        new(AgentGrain.StateEvent, typeof(AgentStateChange), "AgentStateEvent", "The agent's state changed."),
        new(AgentGrain.PendingEvent, typeof(AgentStateChange), "AgentPendingEvent",
            "The agent asked for a state that waits until the current interactions end (pendingState), or took the request back."),
        new("chat.offered", typeof(InteractionOffered), "ChatOfferedEvent", "A chat is offered to the agent: accept or reject it."),
        new("chat.revoked", typeof(InteractionRevoked), "ChatRevokedEvent", "A chat offer is gone: withdrawn, rejected or not answered in time."),
        new("chat.ended", typeof(InteractionEnded), "ChatEndedEvent", "The agent no longer handles the chat."),
        new(ChatSessionGrain.MessageEvent, typeof(CustomerMessage), "AgentChatMessageEvent", "The customer wrote in a chat the agent handles."),
        new(ChatSessionGrain.VideoRequestedEvent, typeof(ChatVideoChange), "ChatVideoRequestedEvent",
            "The customer of a chat the agent handles asks for video: allow or decline it."),
        new(ChatSessionGrain.VideoClosedEvent, typeof(ChatVideoChange), "ChatVideoClosedEvent",
            "The customer closed the video (or took back the request); the chat goes on."),
        new(ChatSessionGrain.SmsStatusEvent, typeof(SmsDeliveryStatus), "SmsStatusEvent", "The delivery status of a text the agent sent moved forward."),
        new("call.offered", typeof(InteractionOffered), "CallOfferedEvent",
            "A call is offered to the agent (details: callId, customerPhone, customerName, serviceNumber): answer or reject it."),
        new("call.revoked", typeof(InteractionRevoked), "CallRevokedEvent",
            "A call offer is gone: the caller hung up, or the agent rejected it, did not answer in time, or its phone did not answer."),
        new(AgentGrain.PlacedEvent, typeof(InteractionOffered), "CallPlacedEvent", "The agent placed a call of its own; it is the agent's at once (no offer)."),
        new(CallGrain.DialingEvent, typeof(CallEvent), "CallDialingEvent", "The agent's phone and then the customer (detail) are being rung."),
        new(CallGrain.ConnectedEvent, typeof(CallEvent), "CallConnectedEvent", "The agent's phone answered (an inbound call), or the customer did (an outbound one): they talk."),
        new(CallGrain.AnsweredByEvent, typeof(CallEvent), "CallAnsweredByEvent", "Who answered a campaign's call (detail): human, machine_start, fax, unknown, ..."),
        new(CallGrain.DisconnectedEvent, typeof(CallEvent), "CallDisconnectedEvent", "The call is over (detail: why); a campaign's call leaves the record's preview to complete."),
        new(CallGrain.HeldEvent, typeof(CallEvent), "CallHeldEvent", "The agent put the customer on hold."),
        new(CallGrain.RetrievedEvent, typeof(CallEvent), "CallRetrievedEvent", "The agent took the customer off hold."),
        new(CallGrain.MutedEvent, typeof(CallEvent), "CallMutedEvent", "The agent muted its own leg."),
        new(CallGrain.UnmutedEvent, typeof(CallEvent), "CallUnmutedEvent", "The agent unmuted its own leg."),
        new(CallGrain.DigitsEvent, typeof(CallEvent), "CallDigitsEvent", "DTMF digits (detail) were played to the customer's side."),
        new(CallGrain.RecordingEvent, typeof(CallEvent), "CallRecordingEvent", "The call's recording started, paused, resumed or stopped (detail: its status)."),
        new(CallGrain.ConsultingEvent, typeof(CallEvent), "CallConsultingEvent", "The agent rings an agent or a number (detail) to consult while the customer waits on hold."),
        new(CallGrain.ConsultationConnectedEvent, typeof(CallEvent), "CallConsultationConnectedEvent", "The consulted party (detail) answered."),
        new(CallGrain.ConferencedEvent, typeof(CallEvent), "CallConferencedEvent", "The customer came off hold: the agent, the customer and the consulted party (detail) talk."),
        new(CallGrain.ConsultationEndedEvent, typeof(CallEvent), "CallConsultationEndedEvent", "The consulted party (detail) hung up, never answered, or was hung up."),
        new("call.ended", typeof(InteractionEnded), "CallEndedEvent", "The agent no longer has the call (it ended, or the agent's phone was never reached)."),
        new("preview.offered", typeof(InteractionOffered), "PreviewOfferedEvent", "A campaign's calling record is on the agent's desktop for preview."),
        new("preview.revoked", typeof(InteractionRevoked), "PreviewRevokedEvent", "A preview offer is gone: the agent rejected it."),
        new("preview.ended", typeof(InteractionEnded), "PreviewEndedEvent", "The agent completed, skipped or rejected the calling record."),
    ];

    public static readonly IReadOnlyList<LiveEvent> CustomerStream =
    [
        new(ChatSessionGrain.MessageEvent, typeof(TranscriptLine), "CustomerChatMessageEvent", "A line of the chat: the agent's, the customer's own, or the system's."),
        new(ChatSessionGrain.VideoEvent, typeof(TranscriptLine), "CustomerChatVideoEvent",
            "The video moved (status: Requested, Active, Declined or Closed); when Active, ask for a video token and join the room."),
        new(ChatSessionGrain.EndedEvent, typeof(TranscriptLine), "CustomerChatEndedEvent", "The chat has ended; no more lines follow."),
    ];

    /// <summary>Whether <paramref name="name"/> is an event of either stream.</summary>
    public static bool IsDeclared(string name) => AgentStream.Concat(CustomerStream).Any(e => e.Name == name);
}

/// <summary>Endpoint metadata: the route is a Server-Sent Events stream of these events.</summary>
public sealed record StreamsEvents(IReadOnlyList<LiveEvent> Events);

public static class StreamsEventsConventions
{
    public const string ContentType = "text/event-stream";

    public static RouteHandlerBuilder StreamsEvents(this RouteHandlerBuilder route, IReadOnlyList<LiveEvent> events) =>
        route.WithMetadata(new StreamsEvents(events)).Produces(StatusCodes.Status200OK, contentType: ContentType);
}
