using Contact.Orleans.Grains.Interfaces;

namespace Contact.Orleans.Grains.Chats;

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
}
