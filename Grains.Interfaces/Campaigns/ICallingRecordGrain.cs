using Contact.Orleans.Runtime;

namespace Contact.Orleans.Grains.Interfaces;

/// <summary>
/// One calling record. Its state is its row in the calling records table (the table the
/// campaign selects due records from), written with a version check.
/// </summary>
public interface ICallingRecordGrain : IGrainWithStringKey
{
    /// <summary>The record with its history and the number recommended now; <c>record-not-found</c> when there is none.</summary>
    Task<CallingRecordView> GetView();

    /// <summary>The campaign hands the record to an agent; the campaign hears back through OfferSettled.</summary>
    [OneWay]
    Task Offer(PreviewOffer offer);

    Task<CallingRecordView> Accept(string agentId);

    Task<CallingRecordView> Skip(string agentId);

    Task<CallingRecordView> Reject(string agentId);

    /// <param name="disposition">null or blank: the campaign's default disposition.</param>
    Task<CallingRecordView> Complete(string agentId, string? disposition, string? notes);

    Task<CallingRecordView> Reschedule(string agentId, RescheduleRequest request);

    /// <summary>A call to one of the record's numbers (recorded as dialed until the voice adapter exists).</summary>
    Task<CallingRecordView> Call(string agentId, string number);

    /// <summary>After a restart: a record marked as with an agent who does not have it goes back to the list, due now.</summary>
    [OneWay]
    Task Reconcile();
}
