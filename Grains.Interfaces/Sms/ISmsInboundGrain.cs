namespace Contact.Grains.Interfaces;

/// <summary>One inbound text, keyed by the provider's message id, so that a replayed webhook is handled and stored once.</summary>
[Alias("Contact.ISmsInboundGrain")]
public interface ISmsInboundGrain : IGrainWithStringKey
{
    /// <summary>Handles the text the first time; afterwards answers what was stored.</summary>
    [Alias("Receive")]
    Task<InboundSmsRecord> Receive(InboundSms sms);

    /// <summary><c>sms-not-found</c> when no text with this id came in.</summary>
    [Idempotent]
    [Alias("GetRecord")]
    Task<InboundSmsRecord> GetRecord();
}
