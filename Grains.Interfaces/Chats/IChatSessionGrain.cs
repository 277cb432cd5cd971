namespace Contact.Grains.Interfaces;

/// <summary>
/// One chat: its customer, its agent, its state and its transcript. Transcript lines are the
/// chat's journal, appended and never rewritten, each durable before the call returns.
/// </summary>
[Alias("Contact.IChatSessionGrain")]
public interface IChatSessionGrain : IGrainWithStringKey
{
    /// <summary>Starts the chat and queues it; <c>customer-banned</c> for a banned customer, and then nothing is stored.</summary>
    [Alias("Start")]
    Task<ChatView> Start(ChatStart start);

    [Idempotent]
    [Alias("GetView")]
    Task<ChatView> GetView();

    /// <summary>Checks a customer's token (SHA-256 hash, compared in constant time).</summary>
    [Alias("HasCustomerToken")]
    Task<bool> HasCustomerToken(string tokenHash);

    [Alias("PostCustomerMessage")]
    Task<PostedMessage> PostCustomerMessage(string text);

    /// <summary>An agent's message, sent as a text in an SMS chat; the text <c>/ban</c> is the ban command, not a message.</summary>
    [Alias("PostAgentMessage")]
    Task<PostedMessage> PostAgentMessage(string agentId, string text);

    [Idempotent]
    [Alias("GetMessages")]
    Task<ChatMessage[]> GetMessages(long afterSeq, int limit, bool customerView);

    /// <summary>The transcript as stored journal entries, for the customer's event stream.</summary>
    [Idempotent]
    [Alias("GetEvents")]
    Task<JournalEntry[]> GetEvents(long afterSeq, int limit);

    [Alias("Accept")]
    Task<ChatView> Accept(string agentId);

    [Alias("Reject")]
    Task<ChatView> Reject(string agentId);

    [Alias("Transfer")]
    Task<ChatView> Transfer(string agentId, TransferTarget target);

    /// <summary>Ends the chat; <paramref name="agentId"/> is null when the customer ends it.</summary>
    [Alias("End")]
    Task<ChatView> End(string? agentId);

    [Alias("SetDisposition")]
    Task<ChatView> SetDisposition(string agentId, string disposition, string? notes);

    /// <summary>Starts an SMS chat: owned by the agent who texts first, or routed like a web chat when the customer did.</summary>
    [Alias("StartSms")]
    Task<ChatView> StartSms(SmsChatStart start);

    /// <summary>A customer's text joins the transcript (once per provider message id).</summary>
    [Alias("ReceiveSms")]
    Task ReceiveSms(InboundSms sms);

    /// <summary>A delivery status for one of the chat's texts; it only moves forward.</summary>
    [Alias("ReportSmsStatus")]
    Task ReportSmsStatus(SmsStatusReport report);

    /// <summary>The customer asks for video; the handling agent is told. Asking again while asked or running changes nothing.</summary>
    [Alias("RequestVideo")]
    Task<ChatView> RequestVideo();

    /// <summary>The handling agent allows the video asked for: its Twilio room is created.</summary>
    [Alias("AllowVideo")]
    Task<ChatView> AllowVideo(string agentId);

    [Alias("DeclineVideo")]
    Task<ChatView> DeclineVideo(string agentId);

    /// <summary>Closes the video (or takes back the request) and keeps the chat; <paramref name="agentId"/> null for the customer, the only one who may.</summary>
    [Alias("CloseVideo")]
    Task<ChatView> CloseVideo(string? agentId);

    /// <summary>The running video's room, for the customer (<paramref name="agentId"/> null) or the handling agent.</summary>
    [Idempotent]
    [Alias("VideoRoom")]
    Task<string> VideoRoom(string? agentId);

    /// <summary>The newest transcript line's seq: where a customer stream without Last-Event-ID starts.</summary>
    [Alias("LastSeq")]
    Task<long> LastSeq();
}
