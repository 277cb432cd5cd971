using Contact.Grains.Interfaces;

namespace Contact.Grains.Chats;

public sealed class ChatRecord
{
    public bool Started { get; set; }
    public string Channel { get; set; } = Channels.Chat;
    public string ServiceId { get; set; } = "";
    public string CustomerId { get; set; } = "";
    public CustomerContact Customer { get; set; } = new(null, null, null, null);
    public string CustomerTokenHash { get; set; } = "";
    public ChatState State { get; set; }
    public string? AgentId { get; set; }

    /// <summary>Every agent who has had the chat, who may still read it and set its disposition.</summary>
    public List<string> Agents { get; set; } = [];

    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
    public string? Disposition { get; set; }
    public string? Notes { get; set; }

    /// <summary>SMS chats: the service's number and the customer's phone, both E.164.</summary>
    public string? SmsNumber { get; set; }
    public string? CustomerPhone { get; set; }

    /// <summary>
    /// An SMS conversation an agent started: it is the agent's without being one of the agent's
    /// interactions, so it holds no state and can outlive the call and the login session.
    /// </summary>
    public bool AgentOwned { get; set; }

    /// <summary>The delivery of each text sent, by transcript seq (transcript lines are never rewritten).</summary>
    public Dictionary<long, SmsDelivery> Deliveries { get; set; } = [];

    /// <summary>The video channel the customer asked for last; null until the customer asks.</summary>
    public VideoChannel? Video { get; set; }

    /// <summary>How many video rooms the chat has had, so each new one gets a name of its own.</summary>
    public int VideoRooms { get; set; }

    /// <summary>The provider ids of the newest customer texts, so a replayed webhook adds no second line.</summary>
    public List<string> RecentInboundSids { get; set; } = [];
}

/// <summary>One sent text's way to the customer's phone, as the provider reports it.</summary>
public sealed class SmsDelivery
{
    public string AgentId { get; set; } = "";
    public string? Sid { get; set; }
    public string Status { get; set; } = SmsStatus.Queued;
    public int? ErrorCode { get; set; }

    /// <summary>Every report as it arrived, late ones included: what Twilio said, and when.</summary>
    public List<SmsStatusChange> Reports { get; set; } = [];
}

/// <summary>A video channel: asked for, allowed into a Twilio room, declined, or closed.</summary>
public sealed class VideoChannel
{
    public VideoState State { get; set; }
    public string? Room { get; set; }
    public string? RoomSid { get; set; }
    public DateTimeOffset RequestedAt { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
}

public sealed record SmsStatusChange(string Status, int? ErrorCode, DateTimeOffset At);
