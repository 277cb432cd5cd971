using System.Collections.Concurrent;
using System.Security.Claims;

namespace Contact.Api.Auth;

/// <summary>
/// The Basic logins that passed in the last minute, by a hash of their header: a page that sends
/// the same header every second has its password hash worked out once a minute, not each time
/// (a password change takes effect within that minute).
/// </summary>
internal sealed class RememberedLogins(TimeProvider time)
{
    // Admins are few; beyond this many, all are forgotten and pass the full check again.
    private const int MostRemembered = 100;
    private static readonly TimeSpan remembered = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<string, (ClaimsPrincipal Caller, DateTimeOffset Until)> passed = new(StringComparer.Ordinal);

    public ClaimsPrincipal? Find(string key) =>
        passed.TryGetValue(key, out var known) && time.GetUtcNow() < known.Until ? known.Caller : null;

    public void Remember(string key, ClaimsPrincipal caller)
    {
        if (passed.Count >= MostRemembered) passed.Clear();
        passed[key] = (caller, time.GetUtcNow() + remembered);
    }
}
