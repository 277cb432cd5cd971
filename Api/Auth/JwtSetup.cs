using Contact.Orleans.Api.Problems;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

namespace Contact.Orleans.Api.Auth;

/// <summary>Bearer token checks, and problem details (not empty bodies) for 401 and 403.</summary>
internal static class JwtSetup
{
    public static void Configure(JwtBearerOptions options, SigningKey signingKey)
    {
        options.MapInboundClaims = false;
        options.TokenValidationParameters = new TokenValidationParameters
        {
            ValidIssuer = TokenIssuer.Issuer,
            ValidAudience = TokenIssuer.Issuer,
            IssuerSigningKeyResolver = (_, _, _, _) => [signingKey.Key],
            NameClaimType = "sub",
            RoleClaimType = TokenIssuer.RoleClaim,
            ClockSkew = TimeSpan.FromSeconds(30),
        };
        options.Events = new JwtBearerEvents
        {
            // Browsers' EventSource cannot set headers, so the event stream also takes ?access_token=.
            OnMessageReceived = context =>
            {
                if (context.Request.Path.Value?.EndsWith("/events", StringComparison.Ordinal) == true &&
                    context.Request.Query.TryGetValue("access_token", out var token))
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
}
