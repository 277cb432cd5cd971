namespace Contact.Grains.Interfaces;

[GenerateSerializer, Alias("Contact.CallingRecordState")]
public enum CallingRecordState
{
    Ready,
    Offered,
    InProgress,
    Scheduled,
    Completed,
}

/// <param name="Recommended">The number to dial now: inside calling hours, not on the do not call list, least tried.</param>
[GenerateSerializer, Immutable, Alias("Contact.RecordPhone")]
public sealed record RecordPhone(string Number, bool Recommended);

/// <summary>One entry of a record's history: a call placed, a disposition, a reschedule.</summary>
/// <param name="CallId">The call placed for this attempt (GET /api/v1/calls/{callId}).</param>
/// <param name="AnsweredBy">Twilio's answering machine detection for that call: human, machine_start, fax, unknown, ...</param>
[GenerateSerializer, Immutable, Alias("Contact.RecordAttempt")]
public sealed record RecordAttempt(DateTimeOffset At, string AgentId, string? Number, string? Disposition, string? Notes,
    string? CallId = null, string? AnsweredBy = null);

[GenerateSerializer, Immutable, Alias("Contact.CallingRecordView")]
public sealed record CallingRecordView(
    string Id,
    string CampaignId,
    string CustomerName,
    RecordPhone[] Phones,
    Dictionary<string, string> Fields,
    string TimeZone,
    CallingRecordState State,
    string? AgentId,
    DateTimeOffset DueAt,
    int Attempts,
    string? Disposition,
    RecordAttempt[] History);

/// <param name="Personal">True: only the agent who rescheduled gets it back.</param>
[GenerateSerializer, Immutable, Alias("Contact.RescheduleRequest")]
public sealed record RescheduleRequest(DateTimeOffset At, string? Number, bool Personal);

/// <summary>One problem with one row of a calling list; rows count from the header, which is row 1.</summary>
[GenerateSerializer, Immutable, Alias("Contact.ImportError")]
public sealed record ImportError(long Row, string Field, string Message);

[GenerateSerializer, Alias("Contact.ImportStatus")]
public enum ImportStatus
{
    Running,
    Completed,
    /// <summary>The file was malformed, or the server stopped before the import finished; nothing was loaded.</summary>
    Failed,
    /// <summary>The client hung up before the whole file came; nothing was loaded.</summary>
    Cancelled,
}

/// <param name="Rows">Data rows read; Accepted + Rejected + Duplicates = Rows.</param>
/// <param name="ZonesInferred">Accepted rows without a time zone that took the one libphonenumber knows for their first number.</param>
/// <param name="ErrorsOmitted">Errors past the first 1,000, counted but not listed.</param>
/// <param name="AliveAt">While running, when the import last said it was still going (every few seconds).</param>
[GenerateSerializer, Immutable, Alias("Contact.ImportReport")]
public sealed record ImportReport(
    string ImportId,
    string CampaignId,
    ImportStatus Status,
    long Rows,
    long Accepted,
    long Rejected,
    long Duplicates,
    long ZonesInferred,
    ImportError[] Errors,
    long ErrorsOmitted,
    string? Failure,
    DateTimeOffset StartedAt,
    DateTimeOffset? FinishedAt,
    DateTimeOffset? AliveAt = null);
