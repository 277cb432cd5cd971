namespace Contact.Grains.Interfaces;

/// <summary>Where a call is in its life. It only moves forward, Ended last.</summary>
[GenerateSerializer, Alias("Contact.CallState")]
public enum CallState
{
    /// <summary>An inbound caller waits in the service's queue (offered to an agent or not), hearing the hold music.</summary>
    Queued,

    /// <summary>The agent answered; the agent's phone is being joined to the caller.</summary>
    Connecting,

    /// <summary>The agent and the customer talk.</summary>
    Connected,

    Ended,
}

[GenerateSerializer, Alias("Contact.CallDirection")]
public enum CallDirection
{
    Inbound,
    Outbound,
}

/// <summary>Twilio's incoming-call webhook, as the call grain needs it.</summary>
[GenerateSerializer, Immutable, Alias("Contact.InboundCall")]
public sealed record InboundCall(string CallSid, string From, string To);

/// <summary>What Twilio should do with an incoming call: join the call's conference (to wait there), or hear a refusal and hang up.</summary>
[GenerateSerializer, Immutable, Alias("Contact.CallArrival")]
public sealed record CallArrival(string? Conference, string? Refusal);

/// <summary>One call leg's progress, from Twilio's status callbacks.</summary>
/// <param name="Leg">Which leg (<see cref="CallLegs"/>); null: the leg with this CallSid.</param>
/// <param name="Status">Twilio's call status: queued, initiated, ringing, in-progress, completed, busy, failed, no-answer, canceled.</param>
[GenerateSerializer, Immutable, Alias("Contact.CallStatusReport")]
public sealed record CallStatusReport(string? Leg, string CallSid, string Status);

public static class CallLegs
{
    public const string Customer = "customer";
    public const string Agent = "agent";
}

/// <summary>A call as a desktop shows it.</summary>
[GenerateSerializer, Immutable, Alias("Contact.CallView")]
public sealed record CallView(
    string Id,
    CallDirection Direction,
    CallState State,
    string ServiceId,
    string CustomerNumber,
    string ServiceNumber,
    string? CustomerId,
    string? CustomerName,
    string? AgentId,
    string[] Agents,
    DateTimeOffset StartedAt,
    DateTimeOffset? AnsweredAt,
    DateTimeOffset? EndedAt,
    string? EndReason,
    string? Disposition,
    string? Notes);

/// <summary>The <c>call.*</c> events on the agent's stream: the call and what changed.</summary>
[GenerateSerializer, Immutable, Alias("Contact.CallEvent")]
public sealed record CallEvent(string CallId, CallState State, string? AgentId, string? Detail);
