using System.Net.Http.Headers;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Contact.Grains.Interfaces;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Contact.Api.Auth;

/// <summary>
/// User name and password in the request (HTTP Basic), for pages a browser opens itself, where no
/// script can add a bearer token: the Orleans dashboard. The browser asks once and sends the same
/// header with every request of the page, which polls every second: see <see cref="RememberedLogins"/>.
/// </summary>
internal sealed class BasicAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    IGrainFactory grains, RememberedLogins logins) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Basic";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!AuthenticationHeaderValue.TryParse(Request.Headers.Authorization, out var header)
            || !header.Scheme.Equals(SchemeName, StringComparison.OrdinalIgnoreCase) || header.Parameter is null)
        {
            return AuthenticateResult.NoResult();
        }
        var key = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(header.Parameter)));
        if (logins.Find(key) is { } known) return Success(known);

        if (!TryReadCredentials(header.Parameter, out var username, out var password) || !Ids.IsValid(username))
        {
            return AuthenticateResult.Fail("Wrong user name or password.");
        }
        var identity = await grains.GetGrain<IAccountGrain>(username).Verify(password);
        if (identity is null) return AuthenticateResult.Fail("Wrong user name or password.");

        var caller = new ClaimsPrincipal(new ClaimsIdentity(
            identity.Roles.Select(role => new Claim(TokenIssuer.RoleClaim, role)).Append(new Claim("sub", identity.Username)),
            SchemeName, "sub", TokenIssuer.RoleClaim));
        logins.Remember(key, caller);
        return Success(caller);
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Basic realm=\"Contact.Orleans\", charset=\"UTF-8\"";
        return base.HandleChallengeAsync(properties);
    }

    private AuthenticateResult Success(ClaimsPrincipal caller) => AuthenticateResult.Success(new AuthenticationTicket(caller, SchemeName));

    private static bool TryReadCredentials(string parameter, out string username, out string password)
    {
        username = password = "";
        var bytes = new byte[parameter.Length];
        if (!Convert.TryFromBase64String(parameter, bytes, out var length)) return false;
        var text = Encoding.UTF8.GetString(bytes, 0, length);
        var colon = text.IndexOf(':');
        if (colon <= 0) return false;
        (username, password) = (text[..colon], text[(colon + 1)..]);
        return password.Length > 0;
    }
}
