using Microsoft.AspNetCore.Cors.Infrastructure;

namespace Contact.Api.Cors;

/// <summary>
/// Which web pages on other origins may call the API from a browser. A chat widget lives on the
/// company's public website, a desktop often on an origin of its own, so each has its own list:
/// <c>Contact:Cors:PublicChatOrigins</c> for the customer's chat routes and
/// <c>Contact:Cors:DesktopOrigins</c> for every other route. Both are empty by default, which
/// allows no other origin. <c>*</c> allows every origin (sensible for a widget that many sites
/// embed; the customer token, not the origin, guards a chat).
/// </summary>
public static class CrossOrigin
{
    public const string PublicChat = "public-chat";
    public const string Desktop = "desktop";

    // Long enough that a busy desktop rarely repeats a preflight; Chromium caps it at 2 hours.
    private static readonly TimeSpan preflightMaxAge = TimeSpan.FromMinutes(10);

    // A page reads these from a cross-origin answer only when they are exposed: where a created
    // resource is, and when to try again after 429 or 503.
    private static readonly string[] exposedHeaders = ["Location", "Retry-After"];

    public static IServiceCollection AddCrossOrigin(this IServiceCollection services, IConfiguration configuration) =>
        services.AddCors(cors =>
        {
            cors.AddPolicy(PublicChat, policy => Allow(policy, Origins(configuration, "PublicChatOrigins")));
            cors.AddPolicy(Desktop, policy => Allow(policy, Origins(configuration, "DesktopOrigins")));
            cors.DefaultPolicyName = Desktop;
        });

    private static string[] Origins(IConfiguration configuration, string key) =>
        configuration.GetSection($"Contact:Cors:{key}").Get<string[]>()?
            .Select(origin => origin.Trim().TrimEnd('/'))
            .Where(origin => origin.Length > 0)
            .ToArray() ?? [];

    private static void Allow(CorsPolicyBuilder policy, string[] origins)
    {
        policy.AllowAnyHeader().AllowAnyMethod().WithExposedHeaders(exposedHeaders).SetPreflightMaxAge(preflightMaxAge);
        if (origins.Contains("*"))
        {
            // Browsers refuse credentials with a wildcard; the API's credentials are headers and query tokens, never cookies.
            policy.AllowAnyOrigin();
            return;
        }
        policy.WithOrigins(origins).AllowCredentials();
    }
}
