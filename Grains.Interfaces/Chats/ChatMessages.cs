namespace Contact.Grains.Interfaces;

[GenerateSerializer, Alias("Contact.ChatState")]
public enum ChatState
{
    Queued,
    Active,
    Ended,
}

public static class ChatLimits
{
    /// <summary>The longest chat message, in characters (UTF-16 code units, as a browser counts them).</summary>
    public const int MaxMessageLength = 2000;

    /// <summary>The most lines the customer and the agents may write into one chat; the system's own lines (the end) still fit.</summary>
    public const int MaxLines = 5000;
}

/// <summary>Who wrote a transcript line: the customer, an agent, or the system (joins, transfers, the end, /ban).</summary>
[GenerateSerializer, Alias("Contact.MessageSender")]
public enum MessageSender
{
    Customer,
    Agent,
    System,
}

/// <summary>One transcript line; Seq is its place in the chat, also its event id on the customer's stream.</summary>
/// <param name="Status">For a text sent as SMS: its delivery status (queued, sent, delivered, undelivered, failed).</param>
/// <param name="ErrorCode">For an SMS that failed: the provider's error code.</param>
[GenerateSerializer, Immutable, Alias("Contact.ChatMessage")]
public sealed record ChatMessage(long Seq, DateTimeOffset At, MessageSender From, string? AgentId, string Text, string? Status, int? ErrorCode = null);

/// <summary>What a transcript line is stored as (the payload of a chat journal entry).</summary>
/// <param name="CustomerSees">False for lines only agents and supervisors read (the /ban command).</param>
public sealed record TranscriptLine(MessageSender From, string? AgentId, string Text, string? Status, bool CustomerSees);

[GenerateSerializer, Immutable, Alias("Contact.ChatStart")]
public sealed record ChatStart(string ServiceId, CustomerContact Customer, string? Text, string CustomerTokenHash);

/// <summary>Starts an SMS chat between a service's number and a customer phone.</summary>
/// <param name="AgentId">The agent who texts first and owns the conversation; null when the customer texted first (the chat is routed).</param>
/// <param name="FirstText">The customer's text that started it, when the customer did.</param>
[GenerateSerializer, Immutable, Alias("Contact.SmsChatStart")]
public sealed record SmsChatStart(string ServiceId, string ServiceNumber, string CustomerPhone, string CustomerId, string? AgentId, InboundSms? FirstText);

[GenerateSerializer, Immutable, Alias("Contact.ChatView")]
public sealed record ChatView(
    string Id,
    ChatState State,
    string Channel,
    string ServiceId,
    string CustomerId,
    CustomerContact Customer,
    string? AgentId,
    string[] Agents,
    DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt,
    string? Disposition,
    string? Notes,
    VideoView? Video = null);

[GenerateSerializer, Immutable, Alias("Contact.PostedMessage")]
public sealed record PostedMessage(long Seq, DateTimeOffset At, string? Status);

/// <summary>A transfer goes to one agent or back to a service queue.</summary>
[GenerateSerializer, Immutable, Alias("Contact.TransferTarget")]
public sealed record TransferTarget(string? AgentId, string? ServiceId);
