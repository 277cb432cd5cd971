using Contact.Grains.Chats;
using Contact.Grains.Customers;
using Contact.Grains.Interfaces;
using Contact.Storage;

namespace Contact.Grains.Sms;

public sealed class SmsThreadRecord
{
    /// <summary>The chat texts go to now; it stays here after the chat ends, and an ended chat counts as none.</summary>
    public string? OpenChatId { get; set; }
}

/// <summary>
/// One service's SMS conversation with one phone. Its turns put the agent's texts and the
/// customer's replies in one order, and it decides where a text goes: the open chat, a new
/// chat, or nowhere (banned, or nobody takes customer texts).
/// </summary>
[GrainType("sms-thread")]
public sealed class SmsThreadGrain(
    [PersistentState("thread", ContactGrainStorage.Name)] IPersistentState<SmsThreadRecord> state,
    ISmsGateway gateway,
    TimeProvider time) : Grain, ISmsThreadGrain
{
    private string ServiceId => this.GetPrimaryKeyString()[..this.GetPrimaryKeyString().IndexOf('|')];
    private string Phone => this.GetPrimaryKeyString()[(this.GetPrimaryKeyString().IndexOf('|') + 1)..];

    public async Task<SentSms> SendFromAgent(string agentId, string text)
    {
        var chat = await OpenChatAsync();
        if (chat is null)
        {
            var service = await GrainFactory.GetGrain<IServiceQueueGrain>(ServiceId).GetConfig();
            if (!service.Channels.Contains(Channels.Sms)) throw ChatErrors.ChannelNotOffered(ServiceId, Channels.Sms);
            var number = service.SmsNumber ?? throw SmsErrors.NumberMissing(ServiceId);
            var (customerId, banned) = await CustomerLookup.ResolveAsync(GrainFactory, new CustomerContact(null, null, Phone, null));
            if (banned) throw ChatErrors.Banned(customerId);
            // The checks a send makes run before the chat exists, so a refused first text leaves nothing behind.
            await SmsChecks.EnsureSendableAsync(GrainFactory, gateway, customerId, Phone, text);
            var chatId = Guid.NewGuid().ToString("N");
            chat = GrainFactory.GetGrain<IChatSessionGrain>(chatId);
            await chat.StartSms(new SmsChatStart(ServiceId, number, Phone, customerId, agentId, null));
            state.State.OpenChatId = chatId;
            await state.WriteStateAsync();
        }
        var posted = await chat.PostAgentMessage(agentId, text);
        return new SentSms(state.State.OpenChatId!, posted.Seq, posted.At, posted.Status ?? SmsStatus.Queued);
    }

    public async Task<InboundSmsRecord> Receive(InboundSms sms)
    {
        var (customerId, banned) = await CustomerLookup.ResolveAsync(GrainFactory, new CustomerContact(null, null, Phone, null));
        var keyword = SmsKeywords.OptsOut(sms.Body);
        // An opt-out is honoured whoever sends it, banned or not.
        if (keyword is { } optsOut) await GrainFactory.GetGrain<ICustomerGrain>(customerId).SetSmsOptOut(Phone, optsOut);
        if (banned) return Record(sms, InboundSmsOutcome.Banned, customerId, null);

        if (await OpenChatAsync() is { } open)
        {
            await open.ReceiveSms(sms);
            return Record(sms, InboundSmsOutcome.Joined, customerId, state.State.OpenChatId);
        }
        var service = await GrainFactory.GetGrain<IServiceQueueGrain>(ServiceId).GetConfig();
        if (keyword is not null || !service.AcceptsCustomerSms || !service.Channels.Contains(Channels.Sms) || service.SmsNumber is null)
        {
            return Record(sms, InboundSmsOutcome.Recorded, customerId, null);
        }
        // The chat id comes from the message id: a replay after a crash starts the same chat, not a second one.
        var chatId = "sms-" + sms.MessageSid;
        await GrainFactory.GetGrain<IChatSessionGrain>(chatId)
            .StartSms(new SmsChatStart(ServiceId, service.SmsNumber, Phone, customerId, null, sms));
        state.State.OpenChatId = chatId;
        await state.WriteStateAsync();
        return Record(sms, InboundSmsOutcome.Queued, customerId, chatId);
    }

    private async Task<IChatSessionGrain?> OpenChatAsync()
    {
        if (state.State.OpenChatId is not { } chatId) return null;
        var chat = GrainFactory.GetGrain<IChatSessionGrain>(chatId);
        return (await chat.GetView()).State == ChatState.Ended ? null : chat;
    }

    private InboundSmsRecord Record(InboundSms sms, InboundSmsOutcome outcome, string customerId, string? chatId) =>
        new(sms.MessageSid, sms.From, sms.To, sms.Body, time.GetUtcNow(), outcome, ServiceId, customerId, chatId);
}
