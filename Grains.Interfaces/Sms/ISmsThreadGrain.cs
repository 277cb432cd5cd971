namespace Contact.Grains.Interfaces;

/// <summary>
/// The SMS conversation between one service (its number) and one customer phone: which chat
/// is open now. Agents' texts and the customer's replies meet here; after End Chat the next
/// text finds no open chat and is handled as a new one.
/// </summary>
[Alias("Contact.ISmsThreadGrain")]
public interface ISmsThreadGrain : IGrainWithStringKey
{
    /// <summary>An agent texts the customer: into the open conversation, or a new one the agent owns.</summary>
    [Alias("SendFromAgent")]
    Task<SentSms> SendFromAgent(string agentId, string text);

    /// <summary>A customer's text: dropped when banned, else it joins the open chat, starts a routed one, or is only recorded.</summary>
    [Alias("Receive")]
    Task<InboundSmsRecord> Receive(InboundSms sms);
}

public static class SmsThreads
{
    /// <summary>The thread of <paramref name="serviceId"/> with <paramref name="customerPhone"/> (E.164).</summary>
    public static string Key(string serviceId, string customerPhone) => serviceId + "|" + customerPhone;
}
