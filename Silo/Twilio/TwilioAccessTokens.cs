using Contact.Grains.Interfaces;
using Twilio.Jwt.AccessToken;

namespace Contact.Silo.Twilio;

/// <summary>A Twilio access token for one identity, and when it stops being good.</summary>
public sealed record AccessToken(string Token, string Identity, DateTimeOffset ExpiresAt);

/// <summary>
/// Access tokens for Twilio's client SDKs, made with the SDK's <see cref="Token"/> and signed
/// with the configured API key: a <see cref="VoiceGrant"/> lets an agent's browser softphone take
/// the calls rung to <c>client:agentId</c> and place calls through the TwiML application; a
/// <see cref="VideoGrant"/> lets the agent and the customer of a chat join the chat's video room.
/// </summary>
public sealed class TwilioAccessTokens(TwilioOptions options, TimeProvider time)
{
    public AccessToken ForSoftphone(string agentId) =>
        Issue(agentId, new VoiceGrant { IncomingAllow = true, OutgoingApplicationSid = options.TwimlAppSid }, "voice-token-not-configured");

    /// <summary>A token that joins <paramref name="room"/> only (a <see cref="VideoGrant"/> names its room).</summary>
    public AccessToken ForVideoRoom(string identity, string room) => Issue(identity, new VideoGrant { Room = room }, "video-token-not-configured");

    private AccessToken Issue(string identity, IGrant grant, string notConfiguredCode)
    {
        if (!options.IssuesAccessTokens)
        {
            throw new ContactException(notConfiguredCode, ErrorKind.Unavailable,
                "This server issues no Twilio access tokens (Contact:Twilio:ApiKeySid and ApiKeySecret are missing).");
        }
        var expires = time.GetUtcNow() + options.AccessTokenLifetime;
        var token = new Token(options.AccountSid, options.ApiKeySid, options.ApiKeySecret, identity, expires.UtcDateTime, grants: [grant]);
        return new AccessToken(token.ToJwt(), identity, expires);
    }
}
