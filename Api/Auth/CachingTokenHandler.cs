using System.Collections.Concurrent;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Contact.Api.Auth;

/// <summary>
/// The bearer-token check with a memory. An agent's desktop sends the same token with every
/// message and click for a whole shift; parsing it, checking its signature and building its
/// claims each time was the largest share of what a request allocated. A token that passed every
/// check (signature, issuer, audience, lifetime) is taken as checked until it expires; tokens
/// cannot be revoked before then, so nothing else can change the answer.
/// </summary>
internal sealed class CachingTokenHandler(TimeProvider time) : JsonWebTokenHandler
{
    // About one per agent and supervisor signed in; beyond that the expired ones go, or all do.
    private const int MostRemembered = 10_000;

    private readonly ConcurrentDictionary<string, TokenValidationResult> passed = new(StringComparer.Ordinal);

    public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
    {
        var now = time.GetUtcNow().UtcDateTime;
        if (passed.TryGetValue(token, out var known) && now < known.SecurityToken.ValidTo) return known;
        var result = await base.ValidateTokenAsync(token, validationParameters);
        if (result.IsValid) Remember(token, result, now);
        return result;
    }

    private void Remember(string token, TokenValidationResult result, DateTime now)
    {
        if (passed.Count >= MostRemembered)
        {
            foreach (var (key, old) in passed)
            {
                if (old.SecurityToken.ValidTo <= now) passed.TryRemove(key, out _);
            }
            if (passed.Count >= MostRemembered) passed.Clear();
        }
        passed[token] = result;
    }
}
