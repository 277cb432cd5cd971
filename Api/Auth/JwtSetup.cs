using Contact.Api.Problems;
using Contact.Api.Streams;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

namespace Contact.Api.Auth;

/// <summary>Bearer token checks, and problem details (not empty bodies) for 401 and 403.</summary>
internal static class JwtSetup
{
    private static readonly TimeSpan clockSkew = TimeSpan.FromSeconds(30);

    public static void Configure(JwtBearerOptions options, SigningKey signingKey, TimeProvider time)
    {
        options.MapInboundClaims = false;
        options.TokenHandlers.Clear();
        options.TokenHandlers.Add(new CachingTokenHandler(time) { MapInboundClaims = false });
        options.TokenValidationParameters = new TokenValidationParameters
        {
            ValidIssuer = TokenIssuer.Issuer,
            ValidAudience = TokenIssuer.Issuer,
            IssuerSigningKeyResolver = (_, _, _, _) => [signingKey.Key],
            NameClaimType = "sub",
            RoleClaimType = TokenIssuer.RoleClaim,
            // Tokens are issued by the server's clock; they are checked by the same clock.
            LifetimeValidator = (notBefore, expires, _, _) => Within(time.GetUtcNow().UtcDateTime, notBefore, expires),
        };
        options.Events = new JwtBearerEvents
        {
            // Browsers' EventSource cannot set headers, so the event streams also take ?access_token=.
            OnMessageReceived = context =>
            {
                if (QueryStringCredentials.Allowed(context.HttpContext) && context.Request.Query.TryGetValue("access_token", out var token))
                {
                    context.Token = token;
                }
                return Task.CompletedTask;
            },
            OnChallenge = async context =>
            {
                context.HandleResponse();
                await Problem.Of(StatusCodes.Status401Unauthorized, "unauthorized", "A valid bearer token is needed.",
                    "Get one from POST /api/v1/auth/token and send it as 'Authorization: Bearer <token>'.").ExecuteAsync(context.HttpContext);
            },
            OnForbidden = context => Problem.Forbidden("Your roles do not allow this.").ExecuteAsync(context.HttpContext),
        };
    }

    private static bool Within(DateTime now, DateTime? notBefore, DateTime? expires) =>
        expires is { } end && now < end + clockSkew && (notBefore is not { } start || start - clockSkew <= now);
}
