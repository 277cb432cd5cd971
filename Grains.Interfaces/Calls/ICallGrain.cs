namespace Contact.Grains.Interfaces;

/// <summary>
/// One voice call (key: our call id; an inbound call's id is Twilio's CallSid of the customer's
/// leg). The customer and the agent meet in a Twilio conference named for the call, so that hold,
/// mute and transfer are operations on the conference. The call's state only moves forward, and
/// Twilio's callbacks, however late, twice or out of order, move it once.
/// </summary>
[Alias("Contact.ICallGrain")]
public interface ICallGrain : IGrainWithStringKey
{
    /// <summary>
    /// Twilio's incoming-call webhook for one of our numbers: the caller waits in the service's
    /// queue; a banned caller, or a number no service has, is refused. Twilio's retries of the
    /// webhook get the first answer again.
    /// </summary>
    [Idempotent]
    [Alias("ArriveInbound")]
    Task<CallArrival> ArriveInbound(InboundCall call);

    /// <summary>
    /// The agent's phone and the customer are rung into the call's conference (the customer with
    /// answering machine detection when the call is a campaign's). Refused for a number on the do
    /// not call list, a service without voice or a voice number, or an agent who cannot take a
    /// call now. A call already placed answers as it is.
    /// </summary>
    [Idempotent]
    [Alias("DialOut")]
    Task<CallView> DialOut(OutboundCall call);

    /// <summary>
    /// A progressive or predictive campaign's call: only the customer is rung, with answering
    /// machine detection. A person who answers is given to a Ready agent of the campaign (or hears
    /// the abandon message when none is free within 2 s), a machine is handled as the campaign
    /// says, and a call nobody answered ends the attempt with a disposition of the system's. A
    /// call already placed answers as it is.
    /// </summary>
    [Idempotent]
    [Alias("DialForCampaign")]
    Task<CallView> DialForCampaign(CampaignCall call);

    /// <summary>Twilio's answering machine detection: who answered the customer's leg (human, machine_start, fax, unknown, ...).</summary>
    [Idempotent]
    [Alias("ReportAnsweredBy")]
    Task ReportAnsweredBy(string answeredBy);

    /// <summary>The call; <c>call-not-found</c> when there is none.</summary>
    [Idempotent]
    [Alias("GetView")]
    Task<CallView> GetView();

    /// <summary>The agent it is offered to answers: Twilio rings the agent's phone into the conference.</summary>
    [Idempotent]
    [Alias("Answer")]
    Task<CallView> Answer(string agentId);

    /// <summary>The agent it is offered to declines: the agent becomes Not Ready (Rejected), the call goes to the next.</summary>
    [Alias("Reject")]
    Task<CallView> Reject(string agentId);

    /// <summary>The agent hangs up: the customer's leg is ended, the agent goes to wrap-up.</summary>
    [Idempotent]
    [Alias("Release")]
    Task<CallView> Release(string agentId);

    /// <summary>Puts the customer on hold (Twilio's hold music), or takes them off it.</summary>
    [Idempotent]
    [Alias("Hold")]
    Task<CallView> Hold(string agentId, bool onHold);

    /// <summary>Mutes or unmutes the agent's own leg.</summary>
    [Idempotent]
    [Alias("Mute")]
    Task<CallView> Mute(string agentId, bool muted);

    /// <summary>Plays DTMF digits into the customer's leg (an automated menu on the other end).</summary>
    [Alias("SendDigits")]
    Task<CallView> SendDigits(string agentId, string digits);

    [Alias("Record")]
    Task<CallView> Record(string agentId, RecordingAction action);

    /// <summary>A recording's progress from Twilio.</summary>
    [Idempotent]
    [Alias("ReportRecording")]
    Task ReportRecording(RecordingReport report);

    /// <summary>
    /// A blind transfer: the agent's part ends (with wrap-up) and the call goes to another agent
    /// (offered to that agent only), to a service's queue (at the front), or to a number (rung into
    /// the call). The customer waits on hold until someone answers.
    /// </summary>
    [Alias("Transfer")]
    Task<CallView> Transfer(string agentId, CallTarget target);

    /// <summary>Puts the customer on hold and rings another agent or a number into the call, to talk first.</summary>
    [Alias("Consult")]
    Task<CallView> Consult(string agentId, CallTarget target);

    /// <summary>Ends the consultation: the consulted party takes the call (the agent's part ends), they and the customer join a conference of three, or the consulted party is hung up.</summary>
    [Alias("FinishConsultation")]
    Task<CallView> FinishConsultation(string agentId, ConsultationEnd end);

    [Alias("SetDisposition")]
    Task<CallView> SetDisposition(string agentId, string disposition, string? notes);

    /// <summary>A leg's progress from Twilio.</summary>
    [Idempotent]
    [Alias("ReportStatus")]
    Task ReportStatus(CallStatusReport report);
}
