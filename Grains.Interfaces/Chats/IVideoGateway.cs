namespace Contact.Grains.Interfaces;

/// <summary>
/// The video provider, as a chat needs it (the Twilio adapter in Silo implements it): a room
/// for the chat's video, and its end. Every operation is done when it returns or throws <see cref="VideoException"/>.
/// </summary>
public interface IVideoGateway
{
    /// <summary>False when no credentials are configured: video then answers <c>video-not-configured</c>.</summary>
    bool IsConfigured { get; }

    /// <summary>Creates a room named <paramref name="name"/>; its sid.</summary>
    Task<string> CreateRoomAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Ends the room: everyone in it is disconnected.</summary>
    Task CompleteRoomAsync(string roomSid, CancellationToken cancellationToken = default);
}

/// <summary>The provider refused or could not be reached; <see cref="ProviderCode"/> is its error code when it gave one.</summary>
public sealed class VideoException(int? providerCode, string message) : Exception(message)
{
    public int? ProviderCode { get; } = providerCode;
}

/// <summary>
/// A chat's video rooms are named for the chat and the session's number: room names must be
/// unique only among rooms in progress, but a room Twilio has not yet closed keeps its name.
/// </summary>
public static class VideoRooms
{
    public static string Of(string chatId, int session) => $"chat-{chatId}-{session}";

    /// <summary>The identity of a chat's customer in the chat's video room.</summary>
    public static string CustomerIdentity(string chatId) => $"customer-{chatId}";
}
