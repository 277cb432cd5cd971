using System.Security.Claims;
using Contact.Grains.Interfaces;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Contact.Api.Auth;

public sealed record TokenResponse(string AccessToken, DateTimeOffset ExpiresAt, string? AgentId, IReadOnlyList<string> Roles);

public sealed class TokenIssuer(SigningKey signingKey, TimeProvider time, IConfiguration configuration)
{
    public const string Issuer = "contact-orleans";
    public const string AgentIdClaim = "agent_id";
    public const string RoleClaim = "role";

    // A working shift, by default.
    private TimeSpan Lifetime => TimeSpan.FromMinutes(configuration.GetValue("Contact:Auth:TokenMinutes", 600.0));

    public TokenResponse Issue(AccountIdentity identity)
    {
        var now = time.GetUtcNow();
        var expires = now + Lifetime;
        var claims = new List<Claim> { new(JwtRegisteredClaimNames.Sub, identity.Username) };
        claims.AddRange(identity.Roles.Select(role => new Claim(RoleClaim, role)));
        if (identity.AgentId is not null) claims.Add(new Claim(AgentIdClaim, identity.AgentId));
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Issuer,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            SigningCredentials = new SigningCredentials(signingKey.Key, SecurityAlgorithms.HmacSha256),
        });
        return new TokenResponse(token, expires, identity.AgentId, identity.Roles);
    }
}
