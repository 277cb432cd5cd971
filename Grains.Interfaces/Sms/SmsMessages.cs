namespace Contact.Grains.Interfaces;

/// <summary>A text a customer sent to one of our numbers, as the provider's webhook reported it.</summary>
[GenerateSerializer, Immutable, Alias("Contact.InboundSms")]
public sealed record InboundSms(string MessageSid, string From, string To, string Body);

/// <summary>What became of an inbound text.</summary>
[GenerateSerializer, Alias("Contact.InboundSmsOutcome")]
public enum InboundSmsOutcome
{
    /// <summary>It joined the open SMS conversation with that customer.</summary>
    Joined,

    /// <summary>It started a new SMS chat, routed to the service's agents.</summary>
    Queued,

    /// <summary>Stored only: nobody takes customer texts on that number, or it was only an opt-in/opt-out keyword.</summary>
    Recorded,

    /// <summary>Stored and dropped: the customer is banned.</summary>
    Banned,
}

/// <summary>An inbound text as stored, once per provider message id.</summary>
[GenerateSerializer, Immutable, Alias("Contact.InboundSmsRecord")]
public sealed record InboundSmsRecord(
    string MessageSid,
    string From,
    string To,
    string Body,
    DateTimeOffset ReceivedAt,
    InboundSmsOutcome Outcome,
    string? ServiceId,
    string? CustomerId,
    string? ChatId);

/// <summary>A delivery status report from the provider for one transcript line of an SMS chat.</summary>
[GenerateSerializer, Immutable, Alias("Contact.SmsStatusReport")]
public sealed record SmsStatusReport(long Seq, string MessageSid, string Status, int? ErrorCode);

/// <summary>The answer to an agent's text: where it sits in the transcript and how far it got.</summary>
[GenerateSerializer, Immutable, Alias("Contact.SentSms")]
public sealed record SentSms(string ChatId, long Seq, DateTimeOffset At, string Status);
