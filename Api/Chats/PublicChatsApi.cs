using System.Text.Json;
using Contact.Api.Cors;
using Contact.Api.OpenApi;
using Contact.Api.Problems;
using Contact.Api.Streams;
using Contact.Grains.Interfaces;
using Contact.Grains.Phones;
using Contact.Silo.Twilio;
using Contact.Storage;

namespace Contact.Api.Chats;

/// <summary>The customer's side of a chat (a web chat widget): no login, the chat's customer token instead.</summary>
public static class PublicChatsApi
{
    public static IEndpointRouteBuilder MapPublicChatsApi(this IEndpointRouteBuilder routes)
    {
        var chats = routes.MapGroup("/api/v1/public/chats").AllowAnonymous().RequireCors(CrossOrigin.PublicChat).WithTags("Chats, customer side");
        chats.MapPost("/", StartChat)
            .WithSummary("Start a chat as a customer (answers the chat's customer token)").Produces<StartChatResponse>(StatusCodes.Status201Created)
            .Refuses(StatusCodes.Status400BadRequest, "validation-failed", "message-empty", "message-too-long")
            .Refuses(StatusCodes.Status403Forbidden, "customer-banned")
            .Refuses(StatusCodes.Status404NotFound, "service-not-found")
            .Refuses(StatusCodes.Status409Conflict, "channel-not-offered");
        chats.MapGet("/{chatId}", (string chatId, HttpRequest http, IGrainFactory grains) =>
            AsCustomer(chatId, http, grains, async chat => Results.Ok(CustomerChatView.Of(await chat.GetView()))))
            .WithSummary("The chat as its customer sees it (where the start's Location points)")
            .Produces<CustomerChatView>().AsCustomerRoute();
        chats.MapPost("/{chatId}/messages", (string chatId, MessageRequest request, HttpRequest http, IGrainFactory grains) =>
            AsCustomer(chatId, http, grains, async chat =>
                ChatValidation.CheckMessage(request.Text) ?? Results.Created((string?)null, await chat.PostCustomerMessage(request.Text!))))
            .WithSummary("Write in the chat as its customer")
            .Produces<PostedMessage>(StatusCodes.Status201Created).AsCustomerRoute()
            .Refuses(StatusCodes.Status400BadRequest, "message-empty", "message-too-long")
            .Refuses(StatusCodes.Status409Conflict, "chat-ended", "transcript-full");
        chats.MapGet("/{chatId}/messages", (string chatId, long? after, int? limit, HttpRequest http, IGrainFactory grains) =>
            AsCustomer(chatId, http, grains, async chat =>
                Paging.Check(after, limit) ?? Results.Ok(await chat.GetMessages(after ?? 0, limit ?? 100, customerView: true))))
            .WithSummary("The transcript as the customer sees it")
            .Produces<ChatMessage[]>().AsCustomerRoute().Refuses(StatusCodes.Status400BadRequest, "validation-failed");
        chats.MapPost("/{chatId}/end", (string chatId, HttpRequest http, IGrainFactory grains) =>
            AsCustomer(chatId, http, grains, async chat => Results.Ok(CustomerChatView.Of(await chat.End(null)))))
            .WithSummary("End the chat as its customer")
            .Produces<CustomerChatView>().AsCustomerRoute().Refuses(StatusCodes.Status409Conflict, "chat-ended");
        chats.MapPost("/{chatId}/video", (string chatId, HttpRequest http, IGrainFactory grains) =>
            AsCustomer(chatId, http, grains, async chat => Results.Ok(CustomerChatView.Of(await chat.RequestVideo()))))
            .WithSummary("Ask for video (the agent is asked to allow it)")
            .Produces<CustomerChatView>().AsCustomerRoute()
            .Refuses(StatusCodes.Status409Conflict, "chat-ended", "video-not-offered", "video-needs-agent");
        chats.MapPost("/{chatId}/video/close", (string chatId, HttpRequest http, IGrainFactory grains) =>
            AsCustomer(chatId, http, grains, async chat => Results.Ok(CustomerChatView.Of(await chat.CloseVideo(null)))))
            .WithSummary("Close the video, or take back the request, and keep the chat")
            .Produces<CustomerChatView>().AsCustomerRoute()
            .Refuses(StatusCodes.Status409Conflict, "chat-ended", "video-not-active")
            .Refuses(StatusCodes.Status503ServiceUnavailable, "video-provider-failed");
        chats.MapPost("/{chatId}/video/token", (string chatId, HttpRequest http, IGrainFactory grains, TwilioAccessTokens tokens) =>
            AsCustomer(chatId, http, grains, async chat => Results.Ok(tokens.ForVideoRoom(VideoRooms.CustomerIdentity(chatId), await chat.VideoRoom(null)))))
            .WithSummary("A Twilio Video access token that joins the chat's running video room")
            .Produces<AccessToken>().AsCustomerRoute()
            .Refuses(StatusCodes.Status409Conflict, "chat-ended", "video-not-active")
            .Refuses(StatusCodes.Status503ServiceUnavailable, "video-token-not-configured");
        chats.MapGet("/{chatId}/events", StreamEvents)
            .WithSummary("The chat's live lines for its customer (Server-Sent Events)").TakesQueryStringCredentials().StreamsEvents(LiveEvents.CustomerStream)
            .AsCustomerRoute().Refuses(StatusCodes.Status400BadRequest, "invalid-last-event-id");
        return routes;
    }

    private static async Task<IResult> StartChat(StartChatRequest request, IGrainFactory grains, PhoneOptions phones)
    {
        var errors = new Dictionary<string, string[]>();
        var customer = ChatValidation.ReadCustomer(request.Customer, phones.DefaultRegion, errors);
        if (request.ServiceId is null || !Ids.IsValid(request.ServiceId)) errors["serviceId"] = ["required: a service id"];
        if (errors.Count > 0) return Problem.Invalid("validation-failed", "Some fields are invalid.", errors);
        if (request.Text is not null && ChatValidation.CheckMessage(request.Text) is { } badText) return badText;

        var token = CustomerToken.New();
        var chatId = Guid.NewGuid().ToString("N");
        await grains.GetGrain<IChatSessionGrain>(chatId).Start(new ChatStart(request.ServiceId!, customer, request.Text, CustomerToken.Hash(token)));
        return Results.Created($"/api/v1/public/chats/{chatId}", new StartChatResponse(chatId, token));
    }

    private static Task<IResult> StreamEvents(string chatId, HttpContext http, IGrainFactory grains, JournalFeed feed, TimeProvider time) =>
        AsCustomer(chatId, http.Request, grains, async chat =>
        {
            if (!EventStream.TryReadLastEventId(http.Request, out var lastEventId, out var problem)) return problem!;
            return await EventStream.RunAsync(http, feed, GrainKey.Of(chat.GetGrainId()), time,
                chat.GetEvents, () => lastEventId is { } known ? Task.FromResult(known) : chat.LastSeq(), CustomerSees);
        });

    private static bool CustomerSees(JournalEntry entry)
    {
        using var line = JsonDocument.Parse(entry.Payload);
        return line.RootElement.GetProperty("customerSees").GetBoolean();
    }

    /// <summary>A route that takes the chat's customer token, with the refusals of <see cref="AsCustomer"/>.</summary>
    private static RouteHandlerBuilder AsCustomerRoute(this RouteHandlerBuilder route) => route
        .RequiresCredential(Credential.CustomerToken)
        .Refuses(StatusCodes.Status401Unauthorized, "customer-token-required")
        .Refuses(StatusCodes.Status403Forbidden, "invalid-customer-token");

    /// <summary>Runs the call when the request carries this chat's customer token.</summary>
    private static async Task<IResult> AsCustomer(string chatId, HttpRequest http, IGrainFactory grains, Func<IChatSessionGrain, Task<IResult>> call)
    {
        var token = CustomerToken.Read(http);
        if (string.IsNullOrEmpty(token))
        {
            return Problem.Of(StatusCodes.Status401Unauthorized, "customer-token-required", "This chat's customer token is needed.",
                $"Send the customerToken from the start of the chat as {CustomerToken.Header}.");
        }
        var chat = grains.GetGrain<IChatSessionGrain>(chatId);
        // A chat that does not exist and a token of another chat look the same from outside.
        if (!Ids.IsValid(chatId) || !await chat.HasCustomerToken(CustomerToken.Hash(token)))
        {
            return Problem.Of(StatusCodes.Status403Forbidden, "invalid-customer-token", "This token is not for this chat.");
        }
        return await call(chat);
    }
}
