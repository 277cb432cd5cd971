using Contact.Grains.Interfaces;

namespace Contact.Grains.Services;

/// <summary>A chat in the queue: waiting (OfferedTo null) or offered to one agent.</summary>
public sealed class QueueEntry
{
    public string ChatId { get; set; } = "";
    public DateTimeOffset Since { get; set; }
    public Dictionary<string, string> Details { get; set; } = [];
    public string? OfferedTo { get; set; }
    public DateTimeOffset? OfferedAt { get; set; }

    /// <summary>Agents that rejected or missed this chat: it goes to someone else first.</summary>
    public List<string> Declined { get; set; } = [];
}

public sealed class ServiceQueueRecord
{
    public bool Configured { get; set; }
    public string Name { get; set; } = "";
    public List<string> Channels { get; set; } = [];
    public int? WrapUpSeconds { get; set; }
    public int OfferTimeoutSeconds { get; set; } = 30;
    public string? SmsNumber { get; set; }
    public bool AcceptsCustomerSms { get; set; }

    /// <summary>Waiting and offered chats, in the order they are to be served.</summary>
    public List<QueueEntry> Entries { get; set; } = [];

    public ServiceView View(string id) => new(id, Name, [.. Channels], WrapUpSeconds, OfferTimeoutSeconds, SmsNumber,
        AcceptsCustomerSms, [.. Entries.Select(e => new QueuedChat(e.ChatId, e.Since, e.OfferedTo))]);
}
