namespace Contact.Grains.Interfaces;

/// <summary>
/// A chat's video channel (the guide's "Mobile Video"): the customer asks, the agent allows or
/// declines; once it runs, only the customer closes it, or the end of the chat does.
/// </summary>
[GenerateSerializer, Alias("Contact.VideoState")]
public enum VideoState
{
    Requested,
    Active,
    Declined,
    Closed,
}

/// <param name="Room">The Twilio Video room both sides join (with the token each asks for), while the video runs.</param>
[GenerateSerializer, Immutable, Alias("Contact.VideoView")]
public sealed record VideoView(VideoState State, string? Room, DateTimeOffset RequestedAt, DateTimeOffset? StartedAt, DateTimeOffset? ClosedAt);
