using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Contact.Grains.Customers;
using Contact.Grains.Interfaces;
using Contact.Storage;
using Microsoft.Extensions.Logging;

namespace Contact.Grains.Chats;

/// <summary>
/// One chat. The transcript is the chat's journal: every line is appended and on disk before
/// the call returns, and the journal doubles as the customer's live stream. A customer's line
/// is also put on the handling agent's stream. Calls to a chat are turns, so an agent accepting
/// a chat always sees it fully started or fully transferred.
/// </summary>
[GrainType("chat")]
public sealed partial class ChatSessionGrain(
    [PersistentState("chat", ContactGrainStorage.Name)] IPersistentState<ChatRecord> state,
    [Journal] IGrainJournal journal,
    ISmsGateway sms,
    IVideoGateway videoRooms,
    TimeProvider time,
    ILogger<ChatSessionGrain> logger) : Grain, IChatSessionGrain, IJournaledGrain
{
    IGrainJournal IJournaledGrain.Journal => journal;

    public const string MessageEvent = "chat.message";
    public const string EndedEvent = "chat.ended";
    public const string BanCommand = "/ban";

    private ChatRecord Chat => state.State;
    private string ChatId => this.GetPrimaryKeyString();

    public async Task<ChatView> Start(ChatStart start)
    {
        if (Chat.Started) return View();
        var service = await GrainFactory.GetGrain<IServiceQueueGrain>(start.ServiceId).GetConfig();
        if (!service.Channels.Contains(Channels.Chat)) throw ChatErrors.ChannelNotOffered(start.ServiceId, Channels.Chat);
        var (customerId, banned) = await CustomerLookup.ResolveAsync(GrainFactory, start.Customer);
        if (banned) throw ChatErrors.Banned(customerId);

        Chat.Started = true;
        Chat.ServiceId = start.ServiceId;
        Chat.CustomerId = customerId;
        Chat.Customer = start.Customer;
        Chat.CustomerTokenHash = start.CustomerTokenHash;
        Chat.State = ChatState.Queued;
        Chat.StartedAt = time.GetUtcNow();
        Line(MessageEvent, MessageSender.System, null, "The chat has started.");
        if (!string.IsNullOrWhiteSpace(start.Text)) Line(MessageEvent, MessageSender.Customer, null, start.Text);
        await state.WriteStateAsync();
        await GrainFactory.GetGrain<IServiceQueueGrain>(start.ServiceId).Enqueue(ChatId, OfferDetails(), front: false);
        return View();
    }

    public Task<ChatView> GetView()
    {
        EnsureStarted();
        return Task.FromResult(View());
    }

    public Task<bool> HasCustomerToken(string tokenHash) => Task.FromResult(Chat.Started &&
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(tokenHash), Encoding.ASCII.GetBytes(Chat.CustomerTokenHash)));

    public async Task<PostedMessage> PostCustomerMessage(string text)
    {
        EnsureOpen();
        EnsureRoom();
        var line = Line(MessageEvent, MessageSender.Customer, null, text);
        // The transcript line and the agent's event are written side by side, not one after the
        // other: the customer's answer waits for both, and so for one commit instead of two.
        await Task.WhenAll(journal.WriteAsync(), TellAgentAsync(line, text));
        return new PostedMessage(line.Sequence, line.At, null);
    }

    /// <summary>Puts a customer's line on the handling agent's stream.</summary>
    private Task TellAgentAsync(JournalEntry line, string text) => Chat.AgentId is { } agentId
        ? GrainFactory.GetGrain<IAgentGrain>(agentId).PostEvent(MessageEvent, JsonSerializer.Serialize(
            new CustomerMessage(ChatId, line.Sequence, line.At, MessageSender.Customer, text), GrainJson.Options))
        : Task.CompletedTask;

    public async Task<PostedMessage> PostAgentMessage(string agentId, string text)
    {
        EnsureHandledBy(agentId);
        // A full chat can still be ended by banning the customer who filled it.
        if (text.Trim() == BanCommand) return await BanAsync(agentId);
        EnsureRoom();
        if (Chat.Channel == Channels.Sms) return await SendSmsAsync(agentId, text);
        var line = Line(MessageEvent, MessageSender.Agent, agentId, text);
        await journal.WriteAsync();
        return new PostedMessage(line.Sequence, line.At, null);
    }

    public async Task<ChatMessage[]> GetMessages(long afterSeq, int limit, bool customerView)
    {
        EnsureStarted();
        var entries = await journal.ReadAsync(afterSeq, limit);
        return [.. entries
            .Select(e => (Entry: e, Line: JsonSerializer.Deserialize<TranscriptLine>(e.Payload, GrainJson.Options)!))
            .Where(x => !customerView || x.Line.CustomerSees)
            .Select(x => Chat.Deliveries.TryGetValue(x.Entry.Sequence, out var delivery)
                ? new ChatMessage(x.Entry.Sequence, x.Entry.At, x.Line.From, x.Line.AgentId, x.Line.Text, delivery.Status, delivery.ErrorCode)
                : new ChatMessage(x.Entry.Sequence, x.Entry.At, x.Line.From, x.Line.AgentId, x.Line.Text, x.Line.Status))];
    }

    public Task<JournalEntry[]> GetEvents(long afterSeq, int limit)
    {
        EnsureStarted();
        return journal.ReadAsync(afterSeq, limit);
    }

    public Task<long> LastSeq() => Task.FromResult(journal.LastSequence);

    public async Task<ChatView> Accept(string agentId)
    {
        EnsureOpen();
        if (Chat.State == ChatState.Active)
        {
            return Chat.AgentId == agentId ? View() : throw ChatErrors.NotYours(ChatId, agentId);
        }
        await Queue.ClaimOffer(ChatId, agentId);
        await GrainFactory.GetGrain<IAgentGrain>(agentId).Accept(ChatId);
        Chat.State = ChatState.Active;
        Chat.AgentId = agentId;
        if (!Chat.Agents.Contains(agentId)) Chat.Agents.Add(agentId);
        Line(MessageEvent, MessageSender.System, agentId, $"Agent {agentId} has joined the chat.");
        await state.WriteStateAsync();
        return View();
    }

    public async Task<ChatView> Reject(string agentId)
    {
        EnsureOpen();
        if (Chat.State != ChatState.Queued) throw ChatErrors.NotYours(ChatId, agentId);
        await Queue.DeclineOffer(ChatId, agentId);
        return View();
    }

    public async Task<ChatView> Transfer(string agentId, TransferTarget target)
    {
        EnsureHandledBy(agentId);
        if (target.AgentId is { } toAgent)
        {
            if (toAgent == agentId) throw ChatErrors.TransferToSelf(agentId);
            // The new agent is offered the chat first: if it cannot take it, nothing has changed.
            await Queue.OfferTo(ChatId, InteractionKinds.Chat, toAgent, OfferDetails());
            Line(MessageEvent, MessageSender.System, agentId, $"Agent {agentId} transferred the chat to agent {toAgent}.");
        }
        else
        {
            var toService = target.ServiceId!;
            var service = await GrainFactory.GetGrain<IServiceQueueGrain>(toService).GetConfig();
            if (!service.Channels.Contains(Chat.Channel)) throw ChatErrors.ChannelNotOffered(toService, Chat.Channel);
            Chat.ServiceId = toService;
            await Queue.Enqueue(ChatId, OfferDetails(), front: true);
            Line(MessageEvent, MessageSender.System, agentId, $"Agent {agentId} transferred the chat to service {toService}.");
        }
        await EndAgentPartAsync(agentId, await WrapUpSecondsAsync());
        Chat.AgentOwned = false;
        Chat.State = ChatState.Queued;
        Chat.AgentId = null;
        await state.WriteStateAsync();
        return View();
    }

    public async Task<ChatView> End(string? agentId)
    {
        if (agentId is null) EnsureOpen();
        else EnsureHandledBy(agentId);
        var by = agentId is null ? "the customer" : $"agent {agentId}";
        await FinishAsync(await WrapUpSecondsAsync(), $"The chat was ended by {by}.");
        return View();
    }

    public async Task<ChatView> SetDisposition(string agentId, string disposition, string? notes)
    {
        EnsureStarted();
        if (!Chat.Agents.Contains(agentId)) throw ChatErrors.NotYours(ChatId, agentId);
        Chat.Disposition = disposition;
        Chat.Notes = notes;
        await state.WriteStateAsync();
        return View();
    }

    /// <summary>
    /// The /ban command: the customer is banned on every channel, the chat ends at once, and the
    /// agent goes to After Call Work (without a limit when the service has no wrap-up). The
    /// command is a transcript line for agents and supervisors only.
    /// </summary>
    private async Task<PostedMessage> BanAsync(string agentId)
    {
        await GrainFactory.GetGrain<ICustomerGrain>(Chat.CustomerId).Ban($"{BanCommand} in chat {ChatId}", agentId);
        var command = Line(MessageEvent, MessageSender.System, agentId, BanCommand, status: "ban", customerSees: false);
        await FinishAsync(await WrapUpSecondsAsync() ?? 0, "The chat has ended.");
        return new PostedMessage(command.Sequence, command.At, "ban");
    }

    private async Task FinishAsync(int? wrapUpSeconds, string text)
    {
        if (Chat.State == ChatState.Queued) await Queue.Withdraw(ChatId);
        else if (Chat.AgentId is { } handler) await EndAgentPartAsync(handler, wrapUpSeconds);
        await CloseVideoWithChatAsync();
        Chat.State = ChatState.Ended;
        Chat.AgentId = null;
        Chat.EndedAt = time.GetUtcNow();
        Line(EndedEvent, MessageSender.System, null, text);
        await state.WriteStateAsync();
    }

    /// <summary>The agent's interaction ends; an SMS conversation the agent owns was never one.</summary>
    private Task EndAgentPartAsync(string agentId, int? wrapUpSeconds) => Chat.AgentOwned
        ? Task.CompletedTask
        : GrainFactory.GetGrain<IAgentGrain>(agentId).EndInteraction(ChatId, wrapUpSeconds);

    private async Task<int?> WrapUpSecondsAsync() => (await Queue.GetConfig()).WrapUpSeconds;

    private IServiceQueueGrain Queue => GrainFactory.GetGrain<IServiceQueueGrain>(Chat.ServiceId);

    private Dictionary<string, string> OfferDetails() => new()
    {
        ["chatId"] = ChatId,
        ["channel"] = Chat.Channel,
        ["customerName"] = Chat.Customer.Name ?? "",
        ["customerPhone"] = Chat.CustomerPhone ?? Chat.Customer.Phone ?? "",
    };

    private JournalEntry Line(string kind, MessageSender from, string? agentId, string text, string? status = null, bool customerSees = true) =>
        journal.Append(kind, new TranscriptLine(from, agentId, text, status, customerSees));

    private void EnsureStarted()
    {
        if (!Chat.Started) throw ChatErrors.NotFound(ChatId);
    }

    private void EnsureOpen()
    {
        EnsureStarted();
        if (Chat.State == ChatState.Ended) throw ChatErrors.Ended(ChatId);
    }

    private void EnsureRoom()
    {
        if (journal.LastSequence >= ChatLimits.MaxLines) throw ChatErrors.TranscriptFull(ChatId);
    }

    private void EnsureHandledBy(string agentId)
    {
        EnsureOpen();
        if (Chat.State != ChatState.Active || Chat.AgentId != agentId) throw ChatErrors.NotYours(ChatId, agentId);
    }

    private ChatView View() => new(ChatId, Chat.State, Chat.Channel, Chat.ServiceId, Chat.CustomerId, Chat.Customer,
        Chat.AgentId, [.. Chat.Agents], Chat.StartedAt, Chat.EndedAt, Chat.Disposition, Chat.Notes, VideoViewOf(Chat.Video));
}
