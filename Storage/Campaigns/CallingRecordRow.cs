using Contact.Grains.Interfaces;

namespace Contact.Storage.Campaigns;

/// <summary>The stored status: Ready and Scheduled are both Waiting, told apart by the due time.</summary>
public enum RecordStatus
{
    Waiting = 0,
    Offered = 1,
    InProgress = 2,
    Completed = 3,
}

public static class RecordStates
{
    /// <summary>What a desktop calls a stored status; a waiting record is Scheduled while its due time is ahead.</summary>
    public static CallingRecordState Of(RecordStatus status, bool later) => status switch
    {
        RecordStatus.Offered => CallingRecordState.Offered,
        RecordStatus.InProgress => CallingRecordState.InProgress,
        RecordStatus.Completed => CallingRecordState.Completed,
        _ => later ? CallingRecordState.Scheduled : CallingRecordState.Ready,
    };
}

/// <summary>A calling record as its row stores it; <see cref="Detail"/> is the row's JSON column.</summary>
public sealed class CallingRecordRow
{
    public required string Id { get; init; }
    public required string CampaignId { get; init; }
    public required string Name { get; init; }
    public required string[] Phones { get; init; }
    public required Dictionary<string, string> Fields { get; init; }
    public required string TimeZone { get; init; }
    public RecordStatus Status { get; set; }

    /// <summary>While offered or in progress, the agent that has it; while waiting, the agent it is kept for, or "".</summary>
    public string AgentId { get; set; } = "";

    public DateTimeOffset DueAt { get; set; }
    public int Attempts { get; set; }
    public string Disposition { get; set; } = "";
    public RecordDetail Detail { get; set; } = new();
    public long Version { get; set; }
}

/// <summary>What a record keeps that no query needs.</summary>
public sealed class RecordDetail
{
    public List<RecordAttempt> History { get; set; } = [];

    /// <summary>The number a reschedule asked for, dialed first next time.</summary>
    public string? Number { get; set; }

    /// <summary>The history entry of the call the current handling placed; its disposition comes with Complete.</summary>
    public int? CallIndex { get; set; }

    /// <summary>The current handling is a call the campaign placed by itself: an agent who takes it has the call, not the record.</summary>
    public bool Dialer { get; set; }

    /// <summary>When the current handling's review time runs out and the recommended number is dialed; null when no auto-dial is armed.</summary>
    public DateTimeOffset? AutoDialAt { get; set; }
}
