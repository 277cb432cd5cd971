namespace Contact.Grains.Interfaces;

/// <summary>Where a call is in its life. It only moves forward, Ended last.</summary>
[GenerateSerializer, Alias("Contact.CallState")]
public enum CallState
{
    /// <summary>A campaign's call rings the customer; no agent has it yet.</summary>
    Dialing,

    /// <summary>An inbound caller waits in the service's queue (offered to an agent or not), hearing the hold music; or a campaign's call a person answered is offered to its agent.</summary>
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

/// <summary>A call an agent places to a customer, for a service (whose number is the caller id), or for a campaign's calling record.</summary>
/// <param name="RecordId">The calling record the call is an attempt of; its preview interaction is the agent's, and its disposition completes the attempt.</param>
[GenerateSerializer, Immutable, Alias("Contact.OutboundCall")]
public sealed record OutboundCall(string AgentId, string ServiceId, string To, string? RecordId);

/// <summary>Twilio's incoming-call webhook, as the call grain needs it.</summary>
[GenerateSerializer, Immutable, Alias("Contact.InboundCall")]
public sealed record InboundCall(string CallSid, string From, string To);

/// <summary>What Twilio should do with an incoming call: join the call's conference (to wait there), or hear a refusal and hang up.</summary>
[GenerateSerializer, Immutable, Alias("Contact.CallArrival")]
public sealed record CallArrival(string? Conference, string? Refusal);

/// <summary>One call leg's progress, from Twilio's status callbacks. The leg is found by its CallSid: a leg's part can change (a consulted agent who takes the call).</summary>
/// <param name="Status">Twilio's call status: queued, initiated, ringing, in-progress, completed, busy, failed, no-answer, canceled.</param>
[GenerateSerializer, Immutable, Alias("Contact.CallStatusReport")]
public sealed record CallStatusReport(string CallSid, string Status);

public static class CallLegs
{
    public const string Customer = "customer";
    public const string Agent = "agent";

    /// <summary>The party an agent consults while the customer waits on hold.</summary>
    public const string Consult = "consult";

    /// <summary>A number outside the contact center that the call was transferred to.</summary>
    public const string External = "external";
}

/// <summary>Where a call goes: an agent, a service's queue, or a phone number (E.164). Exactly one is set.</summary>
[GenerateSerializer, Immutable, Alias("Contact.CallTarget")]
public sealed record CallTarget(string? AgentId, string? ServiceId, string? Number);

/// <summary>The consultation under way: whom the agent consults (an agent or a number), and how far it got.</summary>
[GenerateSerializer, Immutable, Alias("Contact.CallConsultation")]
public sealed record CallConsultation(string? AgentId, string? Number, bool Connected, bool Conferenced);

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
    string? Notes,
    bool CustomerOnHold,
    bool AgentMuted,
    CallRecording[] Recordings,
    CallConsultation? Consultation,
    string? ExternalNumber,
    string? RecordId,
    string? AnsweredBy);

/// <summary>A recording of the call: Twilio's sid, its status and, once Twilio has it, its length.</summary>
[GenerateSerializer, Immutable, Alias("Contact.CallRecording")]
public sealed record CallRecording(string Sid, string Status, DateTimeOffset StartedAt, int? DurationSeconds);

/// <summary>Twilio's recording status callback.</summary>
[GenerateSerializer, Immutable, Alias("Contact.RecordingReport")]
public sealed record RecordingReport(string RecordingSid, string Status, int? DurationSeconds);

/// <summary>What the agent does with the call's recording.</summary>
[GenerateSerializer, Alias("Contact.RecordingAction")]
public enum RecordingAction
{
    Start,
    Pause,
    Resume,
    Stop,
}

/// <summary>Twilio's recording statuses: in-progress and paused while it runs; stopped, completed, absent or failed once it is over.</summary>
public static class RecordingStatuses
{
    public const string InProgress = "in-progress";
    public const string Paused = "paused";
    public const string Stopped = "stopped";

    private static readonly HashSet<string> over = ["stopped", "completed", "absent", "failed"];

    public static IEnumerable<string> All => [InProgress, Paused, .. over];

    public static bool IsOver(string status) => over.Contains(status);
}

/// <summary>The <c>call.*</c> events on the agent's stream: the call and what changed.</summary>
[GenerateSerializer, Immutable, Alias("Contact.CallEvent")]
public sealed record CallEvent(string CallId, CallState State, string? AgentId, string? Detail);

/// <summary>How a consultation ends.</summary>
[GenerateSerializer, Alias("Contact.ConsultationEnd")]
public enum ConsultationEnd
{
    /// <summary>The consulted party takes the call; the agent's part ends.</summary>
    Transfer,

    /// <summary>The customer comes off hold and all three talk; the agent keeps the call.</summary>
    Conference,

    /// <summary>The consulted party is hung up and the customer comes off hold.</summary>
    Cancel,
}
