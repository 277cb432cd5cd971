namespace Contact.Grains.Interfaces;

public static class Channels
{
    public const string Chat = "chat";
    public const string Sms = "sms";
    public const string Voice = "voice";

    public static readonly IReadOnlyList<string> All = [Chat, Sms, Voice];
}

/// <param name="WrapUpSeconds">null: no wrap-up; 0: wrap-up without a limit; n: wrap-up that ends after n seconds.</param>
/// <param name="OfferTimeoutSeconds">How long an agent has to accept an offer before it goes to the next agent.</param>
[GenerateSerializer, Immutable, Alias("Contact.ServiceConfig")]
public sealed record ServiceConfig(
    string Name,
    string[] Channels,
    int? WrapUpSeconds,
    int OfferTimeoutSeconds,
    string? SmsNumber,
    bool AcceptsCustomerSms,
    string? VoiceNumber = null);

/// <summary>A waiting chat as a supervisor sees it: since when it waits, and to whom it is offered now.</summary>
[GenerateSerializer, Immutable, Alias("Contact.QueuedChat")]
public sealed record QueuedChat(string ChatId, DateTimeOffset Since, string? OfferedTo);

[GenerateSerializer, Immutable, Alias("Contact.ServiceView")]
public sealed record ServiceView(
    string Id,
    string Name,
    string[] Channels,
    int? WrapUpSeconds,
    int OfferTimeoutSeconds,
    string? SmsNumber,
    bool AcceptsCustomerSms,
    QueuedChat[] Queue,
    string? VoiceNumber);

/// <summary>What an agent tells the queues of its services about itself.</summary>
/// <param name="FreeChatSlots">How many more chats it can be offered now; 0 when it cannot take any.</param>
/// <param name="IdleSince">Since when it has had nothing new: the longest idle agent gets the next chat.</param>
/// <param name="Ready">Ready with nothing on its desktop: it may be offered a calling record.</param>
/// <param name="FreeForCall">It may be offered a call now: Ready, or Busy with chats only.</param>
[GenerateSerializer, Immutable, Alias("Contact.AgentAvailability")]
public sealed record AgentAvailability(string AgentId, int FreeChatSlots, DateTimeOffset IdleSince, bool Ready, bool FreeForCall = false);
