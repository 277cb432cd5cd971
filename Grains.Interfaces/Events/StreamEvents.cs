namespace Contact.Grains.Interfaces;

// The payloads of the live events that have no other type of their own. They are JSON on the
// streams only (never grain-call arguments), and the OpenAPI document names each one.

/// <summary><c>chat.offered</c>, <c>preview.offered</c>: an interaction is offered to the agent.</summary>
/// <param name="Details">What the desktop shows with the offer (customer name, campaign, ...).</param>
public sealed record InteractionOffered(string AgentId, string InteractionId, string Kind, string? ServiceId, Dictionary<string, string>? Details);

/// <summary><c>chat.revoked</c>, <c>preview.revoked</c>: an offer is withdrawn, declined or timed out.</summary>
/// <param name="Reason">Withdrawn, Rejected or NoAnswer.</param>
public sealed record InteractionRevoked(string AgentId, string InteractionId, string Kind, string Reason);

/// <summary><c>chat.ended</c>, <c>preview.ended</c>: the agent no longer handles the interaction.</summary>
public sealed record InteractionEnded(string AgentId, string InteractionId, string Kind);

/// <summary><c>chat.message</c> on the agent's stream: a customer wrote in a chat the agent handles.</summary>
/// <param name="Seq">The line's sequence in the chat's transcript.</param>
public sealed record CustomerMessage(string ChatId, long Seq, DateTimeOffset At, MessageSender From, string Text);

/// <summary><c>sms.status</c>: the carrier's delivery status of an agent's text moved forward.</summary>
/// <param name="ErrorCode">The carrier's error code when the status is undelivered or failed.</param>
public sealed record SmsDeliveryStatus(string ChatId, long Seq, string? Sid, string Status, int? ErrorCode);

/// <summary><c>chat.video-requested</c>, <c>chat.video-closed</c>: the customer of a chat the agent handles asked for video, or closed it.</summary>
public sealed record ChatVideoChange(string ChatId, VideoState State);
