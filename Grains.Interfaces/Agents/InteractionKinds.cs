namespace Contact.Grains.Interfaces;

/// <summary>
/// What an agent can have on its desktop. The kind is the prefix of the interaction's events
/// (<c>chat.offered</c>, <c>call.ended</c>, ...). An agent has several chats at once (up to its
/// <c>maxChats</c>), one call at a time beside them, and a preview record alone.
/// </summary>
public static class InteractionKinds
{
    public const string Chat = "chat";
    public const string Call = "call";
    public const string Preview = "preview";
}
