using System.Text.Json;
using Contact.Grains.Interfaces;
using Contact.Storage;
using Microsoft.Extensions.Logging;

namespace Contact.Grains.Chats;

/// <summary>
/// The chat's video channel (the guide's "Mobile Video"). The customer asks; the agent handling
/// the chat is told on its stream and allows or declines; allowing creates the Twilio room both
/// join. Only the customer closes the video and keeps the chat; the agent can only end the whole
/// chat, and the chat's end closes the room. Each step is a transcript line of kind
/// <see cref="VideoEvent"/> (status: the video's new state), so the customer's stream sees it too.
/// </summary>
public sealed partial class ChatSessionGrain
{
    public const string VideoEvent = "chat.video";
    public const string VideoRequestedEvent = "chat.video-requested";
    public const string VideoClosedEvent = "chat.video-closed";

    public async Task<ChatView> RequestVideo()
    {
        EnsureOpen();
        if (Chat.Channel != Channels.Chat) throw ChatErrors.VideoNotOffered(ChatId, Chat.Channel);
        if (Chat.State != ChatState.Active) throw ChatErrors.VideoNeedsAgent(ChatId);
        if (Chat.Video?.State is VideoState.Requested or VideoState.Active) return View();
        Chat.Video = new VideoChannel { State = VideoState.Requested, RequestedAt = time.GetUtcNow() };
        VideoLine("The customer asks for video.", null);
        await state.WriteStateAsync();
        await TellVideoAsync(VideoRequestedEvent);
        return View();
    }

    public async Task<ChatView> AllowVideo(string agentId)
    {
        EnsureHandledBy(agentId);
        var video = RequestedVideo();
        if (!videoRooms.IsConfigured) throw ChatErrors.VideoNotConfigured();
        // The room is made first: when Twilio refuses, the request still waits for an answer.
        var room = VideoRooms.Of(ChatId, Chat.VideoRooms + 1);
        try
        {
            video.RoomSid = await videoRooms.CreateRoomAsync(room);
        }
        catch (VideoException failed)
        {
            throw ChatErrors.VideoProviderFailed(ChatId, failed);
        }
        Chat.VideoRooms++;
        video.Room = room;
        video.State = VideoState.Active;
        video.StartedAt = time.GetUtcNow();
        VideoLine($"Agent {agentId} allowed video.", agentId);
        await state.WriteStateAsync();
        return View();
    }

    public async Task<ChatView> DeclineVideo(string agentId)
    {
        EnsureHandledBy(agentId);
        var video = RequestedVideo();
        video.State = VideoState.Declined;
        video.ClosedAt = time.GetUtcNow();
        VideoLine($"Agent {agentId} declined video.", agentId);
        await state.WriteStateAsync();
        return View();
    }

    public async Task<ChatView> CloseVideo(string? agentId)
    {
        if (agentId is not null)
        {
            EnsureHandledBy(agentId);
            throw ChatErrors.OnlyCustomerClosesVideo(ChatId);
        }
        EnsureOpen();
        if (Chat.Video?.State is not (VideoState.Requested or VideoState.Active)) throw ChatErrors.NoVideo(ChatId);
        if (await CompleteRoomAsync() is { } failed) throw ChatErrors.VideoProviderFailed(ChatId, failed);
        MarkVideoClosed("The customer closed the video.");
        await state.WriteStateAsync();
        await TellVideoAsync(VideoClosedEvent);
        return View();
    }

    public Task<string> VideoRoom(string? agentId)
    {
        if (agentId is null) EnsureOpen();
        else EnsureHandledBy(agentId);
        return Task.FromResult(Chat.Video is { State: VideoState.Active, Room: { } room } ? room : throw ChatErrors.NoVideo(ChatId));
    }

    /// <summary>
    /// The chat is ending: its video ends with it. A room Twilio cannot close now is logged and
    /// left to close itself when the last participant leaves; the chat ends all the same.
    /// </summary>
    private async Task CloseVideoWithChatAsync()
    {
        if (Chat.Video?.State is not (VideoState.Requested or VideoState.Active)) return;
        if (await CompleteRoomAsync() is { } failed)
        {
            logger.LogWarning("Chat {Chat}: video room {Room} was not completed at the chat's end: {Reason}", ChatId, Chat.Video.RoomSid, failed.Message);
        }
        MarkVideoClosed("The video ended with the chat.");
    }

    /// <summary>Completes the video's room, if it has one; Twilio's refusal, or null.</summary>
    private async Task<VideoException?> CompleteRoomAsync()
    {
        if (Chat.Video?.RoomSid is not { } roomSid) return null;
        try
        {
            await videoRooms.CompleteRoomAsync(roomSid);
            return null;
        }
        catch (VideoException failed)
        {
            return failed;
        }
    }

    private VideoChannel RequestedVideo() =>
        Chat.Video is { State: VideoState.Requested } video ? video : throw ChatErrors.VideoNotRequested(ChatId);

    private void MarkVideoClosed(string text)
    {
        Chat.Video!.State = VideoState.Closed;
        Chat.Video.ClosedAt = time.GetUtcNow();
        VideoLine(text, null);
    }

    private void VideoLine(string text, string? agentId) =>
        Line(VideoEvent, MessageSender.System, agentId, text, status: Chat.Video!.State.ToString());

    private Task TellVideoAsync(string kind) => Chat.AgentId is { } agentId
        ? GrainFactory.GetGrain<IAgentGrain>(agentId).PostEvent(kind, JsonSerializer.Serialize(new ChatVideoChange(ChatId, Chat.Video!.State), GrainJson.Options))
        : Task.CompletedTask;

    private static VideoView? VideoViewOf(VideoChannel? video) =>
        video is null ? null : new VideoView(video.State, video.State == VideoState.Active ? video.Room : null, video.RequestedAt, video.StartedAt, video.ClosedAt);
}
