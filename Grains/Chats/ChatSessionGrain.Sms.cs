using System.Text.Json;
using Contact.Grains.Interfaces;
using Contact.Grains.Sms;
using Contact.Storage;

namespace Contact.Grains.Chats;

/// <summary>The SMS side of a chat: texts out through the gateway, texts in from the webhook, delivery statuses.</summary>
public sealed partial class ChatSessionGrain
{
    public const string SmsStatusEvent = "sms.status";
    private const int RememberedInboundSids = 32;

    public async Task<ChatView> StartSms(SmsChatStart start)
    {
        if (Chat.Started) return View();
        var service = await GrainFactory.GetGrain<IServiceQueueGrain>(start.ServiceId).GetConfig();
        if (!service.Channels.Contains(Channels.Sms)) throw ChatErrors.ChannelNotOffered(start.ServiceId, Channels.Sms);
        if (start.AgentId is { } owner) await EnsureMayTextAsync(owner, start.ServiceId);

        Chat.Started = true;
        Chat.Channel = Channels.Sms;
        Chat.ServiceId = start.ServiceId;
        Chat.CustomerId = start.CustomerId;
        Chat.Customer = new CustomerContact(null, null, start.CustomerPhone, null);
        Chat.SmsNumber = start.ServiceNumber;
        Chat.CustomerPhone = start.CustomerPhone;
        Chat.StartedAt = time.GetUtcNow();
        if (start.AgentId is { } agentId)
        {
            Chat.State = ChatState.Active;
            Chat.AgentId = agentId;
            Chat.AgentOwned = true;
            Chat.Agents.Add(agentId);
            Line(MessageEvent, MessageSender.System, agentId, $"Agent {agentId} started an SMS conversation with {start.CustomerPhone}.");
            await state.WriteStateAsync();
            return View();
        }

        Chat.State = ChatState.Queued;
        Line(MessageEvent, MessageSender.System, null, $"{start.CustomerPhone} texted service {start.ServiceId}.");
        if (start.FirstText is { } first)
        {
            Line(MessageEvent, MessageSender.Customer, null, first.Body);
            Chat.RecentInboundSids.Add(first.MessageSid);
        }
        await state.WriteStateAsync();
        await Queue.Enqueue(ChatId, OfferDetails(), front: false);
        return View();
    }

    public async Task ReceiveSms(InboundSms text)
    {
        EnsureOpen();
        if (Chat.RecentInboundSids.Contains(text.MessageSid)) return;
        var line = Line(MessageEvent, MessageSender.Customer, null, text.Body);
        Chat.RecentInboundSids.Add(text.MessageSid);
        if (Chat.RecentInboundSids.Count > RememberedInboundSids) Chat.RecentInboundSids.RemoveAt(0);
        await state.WriteStateAsync();
        await TellAgentAsync(line, text.Body);
    }

    public async Task ReportSmsStatus(SmsStatusReport report)
    {
        EnsureStarted();
        if (!Chat.Deliveries.TryGetValue(report.Seq, out var delivery) || (delivery.Sid ?? report.MessageSid) != report.MessageSid)
        {
            throw SmsErrors.LineNotFound(ChatId, report.Seq);
        }
        var change = new SmsStatusChange(report.Status, report.ErrorCode, time.GetUtcNow());
        if (delivery.Reports.Any(r => r.Status == change.Status && r.ErrorCode == change.ErrorCode)) return;
        delivery.Sid = report.MessageSid;
        delivery.Reports.Add(change);
        var advanced = SmsStatus.Advances(delivery.Status, report.Status);
        if (advanced)
        {
            delivery.Status = report.Status;
            delivery.ErrorCode = report.ErrorCode;
        }
        await state.WriteStateAsync();
        if (report.ErrorCode == SmsSendException.OptedOutCode)
        {
            await GrainFactory.GetGrain<ICustomerGrain>(Chat.CustomerId).SetSmsOptOut(Chat.CustomerPhone!, true);
        }
        if (advanced)
        {
            await GrainFactory.GetGrain<IAgentGrain>(delivery.AgentId).PostEvent(SmsStatusEvent, JsonSerializer.Serialize(
                new SmsDeliveryStatus(ChatId, report.Seq, report.MessageSid, delivery.Status, delivery.ErrorCode),
                GrainJson.Options));
        }
    }

    /// <summary>
    /// Sends an agent's text. The line and its delivery record are on disk before the provider is
    /// called, and a text is never handed to the provider again: a crash in between leaves a
    /// queued line, not a second message. A refusal stays in the transcript as a failed line.
    /// </summary>
    private async Task<PostedMessage> SendSmsAsync(string agentId, string text)
    {
        await SmsChecks.EnsureSendableAsync(GrainFactory, sms, Chat.CustomerId, Chat.CustomerPhone!, text);
        var line = Line(MessageEvent, MessageSender.Agent, agentId, text, SmsStatus.Queued);
        var delivery = new SmsDelivery { AgentId = agentId };
        Chat.Deliveries[line.Sequence] = delivery;
        await state.WriteStateAsync();
        try
        {
            var receipt = await sms.SendAsync(new OutboundSms(Chat.SmsNumber!, Chat.CustomerPhone!, text, ChatId, line.Sequence));
            delivery.Sid ??= receipt.Sid;
            if (SmsStatus.Advances(delivery.Status, receipt.Status)) delivery.Status = receipt.Status;
            await state.WriteStateAsync();
            return new PostedMessage(line.Sequence, line.At, delivery.Status);
        }
        catch (SmsSendException failure)
        {
            if (failure.Failure != SmsFailure.Unknown)
            {
                delivery.Status = SmsStatus.Failed;
                delivery.ErrorCode = failure.ProviderCode;
                await state.WriteStateAsync();
            }
            if (failure.ProviderCode == SmsSendException.OptedOutCode)
            {
                await GrainFactory.GetGrain<ICustomerGrain>(Chat.CustomerId).SetSmsOptOut(Chat.CustomerPhone!, true);
            }
            throw SmsErrors.SendFailed(failure, Chat.CustomerPhone!, ChatId, line.Sequence);
        }
    }

    /// <summary>An agent may start a text conversation while in a working session, for a service it works for.</summary>
    private async Task EnsureMayTextAsync(string agentId, string serviceId)
    {
        var agent = await GrainFactory.GetGrain<IAgentGrain>(agentId).GetView();
        if (agent.State == AgentState.LoggedOut) throw SmsErrors.AgentLoggedOut(agentId);
        if (!agent.Services.Contains(serviceId)) throw SmsErrors.NotInService(agentId, serviceId);
    }
}
