using Contact.Grains.Interfaces;
using Contact.Storage;

namespace Contact.Grains.Sms;

public sealed class SmsInboundState
{
    public InboundSmsRecord? Text { get; set; }
}

/// <summary>
/// One inbound text. It is stored with what became of it before the webhook is answered, and a
/// replay of the same message id gets the stored answer. Should the process die after the text
/// reached a chat but before it was stored here, the replay reaches the chat again and the chat
/// drops it by message id.
/// </summary>
[GrainType("sms-inbound")]
public sealed class SmsInboundGrain([PersistentState("inbound", ContactGrainStorage.Name)] IPersistentState<SmsInboundState> state, TimeProvider time)
    : Grain, ISmsInboundGrain
{
    public async Task<InboundSmsRecord> Receive(InboundSms sms)
    {
        if (state.State.Text is { } stored) return stored;
        var serviceId = await GrainFactory.GetGrain<IServiceNumberGrain>(ServiceNumbers.Sms(sms.To)).GetServiceId();
        var text = serviceId is null
            ? new InboundSmsRecord(sms.MessageSid, sms.From, sms.To, sms.Body, time.GetUtcNow(), InboundSmsOutcome.Recorded, null, null, null)
            : await GrainFactory.GetGrain<ISmsThreadGrain>(SmsThreads.Key(serviceId, sms.From)).Receive(sms);
        state.State.Text = text;
        await state.WriteStateAsync();
        return text;
    }

    public Task<InboundSmsRecord> GetRecord() => Task.FromResult(state.State.Text ?? throw SmsErrors.NotFound(this.GetPrimaryKeyString()));
}
