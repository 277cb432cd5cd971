using System.Text.Json.Serialization;
using Contact.Grains.Interfaces;

namespace Contact.Grains.Services;

/// <summary>A chat or a call in the queue: waiting (OfferedTo null) or offered to one agent.</summary>
public sealed class QueueEntry
{
    /// <summary>The chat's or the call's id (stored under the name it had when the queue held chats only).</summary>
    [JsonPropertyName("chatId")]
    public string InteractionId { get; set; } = "";

    /// <summary><see cref="InteractionKinds.Chat"/> or <see cref="InteractionKinds.Call"/>; entries stored before calls are chats.</summary>
    public string Kind { get; set; } = InteractionKinds.Chat;

    public DateTimeOffset Since { get; set; }
    public Dictionary<string, string> Details { get; set; } = [];
    public string? OfferedTo { get; set; }
    public DateTimeOffset? OfferedAt { get; set; }

    /// <summary>Agents that rejected or missed this one: it goes to someone else first.</summary>
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
    public string? VoiceNumber { get; set; }

    /// <summary>Waiting and offered chats and calls, in the order they are to be served.</summary>
    public List<QueueEntry> Entries { get; set; } = [];

    public ServiceConfig Config() => new(Name, [.. Channels], WrapUpSeconds, OfferTimeoutSeconds, SmsNumber, AcceptsCustomerSms, VoiceNumber);

    public ServiceView View(string id) => new(id, Name, [.. Channels], WrapUpSeconds, OfferTimeoutSeconds, SmsNumber,
        AcceptsCustomerSms, [.. Entries.Select(e => new QueuedChat(e.InteractionId, e.Since, e.OfferedTo))], VoiceNumber);
}
