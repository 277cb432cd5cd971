namespace Contact.Grains.Interfaces;

/// <summary>
/// One calling record. Its state is its row in the calling records table (the table the
/// campaign selects due records from), written with a version check.
/// </summary>
[Alias("Contact.ICallingRecordGrain")]
public interface ICallingRecordGrain : IGrainWithStringKey
{
    /// <summary>The record with its history and the number recommended now; <c>record-not-found</c> when there is none.</summary>
    [Idempotent]
    [Alias("GetView")]
    Task<CallingRecordView> GetView();

    /// <summary>The campaign hands the record to an agent; the campaign hears back through OfferSettled.</summary>
    [OneWay, Alias("Offer")]
    Task Offer(PreviewOffer offer);

    [Alias("Accept")]
    Task<CallingRecordView> Accept(string agentId);

    [Alias("Skip")]
    Task<CallingRecordView> Skip(string agentId);

    [Alias("Reject")]
    Task<CallingRecordView> Reject(string agentId);

    /// <summary>The attempt ends with a disposition; a call of it still up is hung up.</summary>
    /// <param name="disposition">null or blank: the campaign's default disposition.</param>
    [Alias("Complete")]
    Task<CallingRecordView> Complete(string agentId, string? disposition, string? notes);

    /// <summary>The call's disposition completes the attempt (the call has ended already).</summary>
    [Alias("CompleteCall")]
    Task<CallingRecordView> CompleteCall(string agentId, string callId, string? disposition, string? notes);

    /// <summary>Who answered the attempt's call, from Twilio's answering machine detection.</summary>
    [OneWay, Alias("CallAnswered")]
    Task CallAnswered(string callId, string answeredBy);

    [Alias("Reschedule")]
    Task<CallingRecordView> Reschedule(string agentId, RescheduleRequest request);

    /// <summary>A call to one of the record's numbers, placed through Twilio; the attempt names it.</summary>
    [Alias("Call")]
    Task<CallingRecordView> Call(string agentId, string number);

    /// <summary>
    /// A progressive or predictive campaign dials the record: the attempt is written, then the
    /// call placed; when no call was placed the campaign hears so through DialSettled.
    /// </summary>
    [OneWay, Alias("Dial")]
    Task Dial(string campaignId, CampaignConfig config);

    /// <summary>The campaign's call was given to an agent, whose disposition of the call completes the attempt.</summary>
    [Alias("CallTaken")]
    Task CallTaken(string callId, string agentId);

    /// <summary>The campaign's call ended with nobody of ours on it: the attempt ends with one of the <see cref="SystemDispositions"/>.</summary>
    [Alias("CallEndedUnhandled")]
    Task CallEndedUnhandled(string callId, string disposition);

    /// <summary>After a restart: a record marked as with an agent who does not have it goes back to the list, due now.</summary>
    [OneWay, Alias("Reconcile")]
    Task Reconcile();
}
