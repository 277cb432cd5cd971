using Contact.Grains.Interfaces;

namespace Contact.Grains.Calls;

public sealed class CallRecord
{
    public bool Started { get; set; }
    public CallDirection Direction { get; set; }
    public CallState State { get; set; }
    public string ServiceId { get; set; } = "";

    /// <summary>Both E.164: the customer's, and ours that the customer called or sees.</summary>
    public string CustomerNumber { get; set; } = "";
    public string ServiceNumber { get; set; } = "";

    public string? CustomerId { get; set; }
    public string? CustomerName { get; set; }

    /// <summary>What Twilio was told when the call came in, given again to Twilio's retries of the webhook.</summary>
    public CallArrival? Arrival { get; set; }

    public string? AgentId { get; set; }

    /// <summary>Every agent who has had the call, who may still read it and set its disposition.</summary>
    public List<string> Agents { get; set; } = [];

    /// <summary>Each leg's CallSid and the furthest status Twilio reported for it (statuses only move forward).</summary>
    public Dictionary<string, CallLeg> Legs { get; set; } = [];

    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? AnsweredAt { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
    public string? EndReason { get; set; }
    public string? Disposition { get; set; }
    public string? Notes { get; set; }

    /// <summary>The sid of the call's conference, known once a leg was rung into it; holds and mutes need it.</summary>
    public string? ConferenceSid { get; set; }

    public bool CustomerOnHold { get; set; }
    public bool AgentMuted { get; set; }
    public List<CallRecording> Recordings { get; set; } = [];

    public CallConsultation? Consultation { get; set; }

    /// <summary>The number the call was transferred to, which now talks with the customer without an agent of ours.</summary>
    public string? ExternalNumber { get; set; }

    /// <summary>The calling record this call is an attempt of.</summary>
    public string? RecordId { get; set; }

    /// <summary>Twilio's answering machine detection: human, machine_start, fax, unknown, ...</summary>
    public string? AnsweredBy { get; set; }

    /// <summary>A progressive or predictive campaign placed the call by itself; null for every other call.</summary>
    public CampaignCall? Campaign { get; set; }

    /// <summary>A campaign's call: when detection said a person (or a machine given to an agent) answered, from which its agent has 2 s.</summary>
    public DateTimeOffset? PersonAt { get; set; }

    /// <summary>A campaign's call: the agent it is offered to, who answers it as a queue's call is answered.</summary>
    public string? OfferedTo { get; set; }
}

public sealed class CallLeg
{
    public string CallSid { get; set; } = "";
    public string Status { get; set; } = "";
}
