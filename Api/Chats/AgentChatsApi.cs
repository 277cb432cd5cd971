using System.Security.Claims;
using Contact.Api.Auth;
using Contact.Api.OpenApi;
using Contact.Api.Problems;
using Contact.Api.Sms;
using Contact.Grains.Interfaces;
using Contact.Silo.Twilio;

namespace Contact.Api.Chats;

/// <summary>The agent's side of a chat. Acting on a chat needs an agent's token; supervisors may read.</summary>
public static class AgentChatsApi
{
    public static IEndpointRouteBuilder MapAgentChatsApi(this IEndpointRouteBuilder routes)
    {
        var chats = routes.MapGroup("/api/v1/chats").RequireAuthorization().WithTags("Chats, agent side");
        chats.MapPost("/{chatId}/accept", (string chatId, ClaimsPrincipal caller, IGrainFactory grains) =>
                AsAgent(chatId, caller, grains, async (chat, me) => Results.Ok(await chat.Accept(me))))
            .WithSummary("Accept a chat offered to the agent")
            .Produces<ChatView>().RefusesLikeAsAgent().Refuses(StatusCodes.Status409Conflict, "not-offered-to-you");
        chats.MapPost("/{chatId}/reject", (string chatId, ClaimsPrincipal caller, IGrainFactory grains) =>
                AsAgent(chatId, caller, grains, async (chat, me) => Results.Ok(await chat.Reject(me))))
            .WithSummary("Reject a chat offered to the agent")
            .Produces<ChatView>().RefusesLikeAsAgent().Refuses(StatusCodes.Status409Conflict, "not-offered-to-you", "interaction-not-offered");
        chats.MapPost("/{chatId}/end", (string chatId, ClaimsPrincipal caller, IGrainFactory grains) =>
                AsAgent(chatId, caller, grains, async (chat, me) => Results.Ok(await chat.End(me))))
            .WithSummary("End the chat (wrap-up follows when the service has it)")
            .Produces<ChatView>().RefusesLikeAsAgent();
        chats.MapPost("/{chatId}/messages", (string chatId, MessageRequest request, ClaimsPrincipal caller, IGrainFactory grains) =>
                AsAgent(chatId, caller, grains, async (chat, me) =>
                    ChatValidation.CheckMessage(request.Text) ?? Results.Created((string?)null, await chat.PostAgentMessage(me, request.Text!))))
            .WithSummary("Write in the chat as its agent (/ban bans the customer)")
            .Produces<PostedMessage>(StatusCodes.Status201Created).RefusesLikeAsAgent().RefusesLikeSms()
            .Refuses(StatusCodes.Status400BadRequest, "message-empty", "message-too-long")
            .Refuses(StatusCodes.Status409Conflict, "transcript-full");
        chats.MapPost("/{chatId}/transfer", Transfer)
            .WithSummary("Transfer the chat to an agent or a service").Produces<ChatView>().RefusesLikeAsAgent()
            .Refuses(StatusCodes.Status400BadRequest, "validation-failed")
            .Refuses(StatusCodes.Status404NotFound, "service-not-found")
            .Refuses(StatusCodes.Status409Conflict, "transfer-to-self", "agent-not-available", "channel-not-offered");
        chats.MapPut("/{chatId}/disposition", SetDisposition)
            .WithSummary("Set the chat's disposition and notes").Produces<ChatView>().RefusesLikeAsAgent()
            .Refuses(StatusCodes.Status400BadRequest, "validation-failed");
        chats.MapPost("/{chatId}/video/allow", (string chatId, ClaimsPrincipal caller, IGrainFactory grains) =>
                AsAgent(chatId, caller, grains, async (chat, me) => Results.Ok(await chat.AllowVideo(me))))
            .WithSummary("Allow the video the customer asked for: its Twilio room is created")
            .Produces<ChatView>().RefusesLikeAsAgent()
            .Refuses(StatusCodes.Status409Conflict, "video-not-requested")
            .Refuses(StatusCodes.Status503ServiceUnavailable, "video-not-configured", "video-provider-failed");
        chats.MapPost("/{chatId}/video/decline", (string chatId, ClaimsPrincipal caller, IGrainFactory grains) =>
                AsAgent(chatId, caller, grains, async (chat, me) => Results.Ok(await chat.DeclineVideo(me))))
            .WithSummary("Decline the video the customer asked for").Produces<ChatView>().RefusesLikeAsAgent()
            .Refuses(StatusCodes.Status409Conflict, "video-not-requested");
        chats.MapPost("/{chatId}/video/close", (string chatId, ClaimsPrincipal caller, IGrainFactory grains) =>
                AsAgent(chatId, caller, grains, async (chat, me) => Results.Ok(await chat.CloseVideo(me))))
            .WithSummary("Always refused: only the customer closes the video; the agent ends the whole chat instead")
            .Produces<ChatView>().RefusesLikeAsAgent().Refuses(StatusCodes.Status409Conflict, "video-closed-by-customer-only");
        chats.MapPost("/{chatId}/video/token", (string chatId, ClaimsPrincipal caller, IGrainFactory grains, TwilioAccessTokens tokens) =>
                AsAgent(chatId, caller, grains, async (chat, me) => Results.Ok(tokens.ForVideoRoom(me, await chat.VideoRoom(me)))))
            .WithSummary("A Twilio Video access token that joins the chat's running video room")
            .Produces<AccessToken>().RefusesLikeAsAgent()
            .Refuses(StatusCodes.Status409Conflict, "video-not-active")
            .Refuses(StatusCodes.Status503ServiceUnavailable, "video-token-not-configured");
        chats.MapGet("/{chatId}", (string chatId, ClaimsPrincipal caller, IGrainFactory grains) =>
                AsReader(chatId, caller, grains, (_, view) => Task.FromResult(Results.Ok(view))))
            .WithSummary("A chat: its state, customer and agents")
            .Produces<ChatView>().RefusesLikeAsReader();
        chats.MapGet("/{chatId}/messages", (string chatId, long? after, int? limit, ClaimsPrincipal caller, IGrainFactory grains) =>
                AsReader(chatId, caller, grains, async (chat, _) =>
                    Paging.Check(after, limit) ?? Results.Ok(await chat.GetMessages(after ?? 0, limit ?? 100, customerView: false))))
            .WithSummary("The whole transcript, lines hidden from the customer included")
            .Produces<ChatMessage[]>().RefusesLikeAsReader().Refuses(StatusCodes.Status400BadRequest, "validation-failed");
        return routes;
    }

    private static Task<IResult> Transfer(string chatId, TransferRequest request, ClaimsPrincipal caller, IGrainFactory grains)
    {
        var toAgent = !string.IsNullOrEmpty(request.AgentId);
        var toService = !string.IsNullOrEmpty(request.ServiceId);
        if (toAgent == toService || !Ids.IsValid(request.AgentId ?? request.ServiceId!))
        {
            return Task.FromResult(Problem.Invalid("validation-failed", "Give either agentId or serviceId.",
                new Dictionary<string, string[]> { ["agentId"] = ["an agent id, or leave out"], ["serviceId"] = ["a service id, or leave out"] }));
        }
        return AsAgent(chatId, caller, grains, async (chat, me) =>
            Results.Ok(await chat.Transfer(me, new TransferTarget(request.AgentId, request.ServiceId))));
    }

    private static Task<IResult> SetDisposition(string chatId, DispositionRequest request, ClaimsPrincipal caller, IGrainFactory grains) =>
        request.Check() is { } refused
            ? Task.FromResult(refused)
            : AsAgent(chatId, caller, grains, async (chat, me) => Results.Ok(await chat.SetDisposition(me, request.Disposition!.Trim(), request.Notes)));

    /// <summary>
    /// The refusals of <see cref="AsAgent"/> and of the chat's own checks. The 404s for the
    /// interaction and the agent come only when the chat and its agent disagree after a failure.
    /// </summary>
    private static RouteHandlerBuilder RefusesLikeAsAgent(this RouteHandlerBuilder route) => route
        .Refuses(StatusCodes.Status400BadRequest, "invalid-id")
        .Refuses(StatusCodes.Status403Forbidden, "forbidden", "not-your-chat")
        .Refuses(StatusCodes.Status404NotFound, "chat-not-found", "interaction-not-found", "agent-not-found")
        .Refuses(StatusCodes.Status409Conflict, "chat-ended");

    private static RouteHandlerBuilder RefusesLikeAsReader(this RouteHandlerBuilder route) => route
        .Refuses(StatusCodes.Status400BadRequest, "invalid-id")
        .Refuses(StatusCodes.Status403Forbidden, "forbidden")
        .Refuses(StatusCodes.Status404NotFound, "chat-not-found", "agent-not-found");

    /// <summary>Runs the call as the calling agent; the chat itself decides whether it is that agent's.</summary>
    private static async Task<IResult> AsAgent(string chatId, ClaimsPrincipal caller, IGrainFactory grains, Func<IChatSessionGrain, string, Task<IResult>> call)
    {
        if (!Ids.IsValid(chatId)) return Ids.Invalid("Chat", "chatId");
        var me = caller.FindFirstValue(TokenIssuer.AgentIdClaim);
        if (me is null) return Problem.Forbidden("Only agents handle chats.");
        return await call(grains.GetGrain<IChatSessionGrain>(chatId), me);
    }

    /// <summary>
    /// Who may read a chat: supervisors; agents who have had it; and, while it waits, the agents
    /// of its service (an agent reads the transcript of a chat offered or transferred to it).
    /// </summary>
    private static async Task<IResult> AsReader(string chatId, ClaimsPrincipal caller, IGrainFactory grains, Func<IChatSessionGrain, ChatView, Task<IResult>> call)
    {
        if (!Ids.IsValid(chatId)) return Ids.Invalid("Chat", "chatId");
        var chat = grains.GetGrain<IChatSessionGrain>(chatId);
        var view = await chat.GetView();
        if (!caller.IsSupervisor())
        {
            var me = caller.FindFirstValue(TokenIssuer.AgentIdClaim);
            var mayRead = me is not null && (view.Agents.Contains(me) ||
                (view.State == ChatState.Queued && (await grains.GetGrain<IAgentGrain>(me).GetView()).Services.Contains(view.ServiceId)));
            if (!mayRead) return Problem.Forbidden($"Chat '{chatId}' is not one of yours.");
        }
        return await call(chat, view);
    }

}
