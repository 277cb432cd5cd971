using Contact.Api.OpenApi;
using Contact.Api.Problems;
using Contact.Grains.Interfaces;

namespace Contact.Api.Auth;

public sealed record TokenRequest(string? Username, string? Password);

public static class AuthApi
{
    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/v1/auth/token", IssueToken)
            .WithSummary("Sign in: a bearer token for a user name and password").AllowAnonymous().WithTags("Auth")
            .Produces<TokenResponse>()
            .Refuses(StatusCodes.Status400BadRequest, "validation-failed")
            .Refuses(StatusCodes.Status401Unauthorized, "invalid-credentials")
            .Refuses(StatusCodes.Status429TooManyRequests, "too-many-attempts");
        return routes;
    }

    private static async Task<IResult> IssueToken(TokenRequest request, IGrainFactory grains, TokenIssuer issuer)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Username)) errors["username"] = ["required"];
        if (string.IsNullOrEmpty(request.Password)) errors["password"] = ["required"];
        if (errors.Count > 0) return Problem.Invalid("validation-failed", "Give a user name and a password.", errors);
        if (!Ids.IsValid(request.Username!)) return InvalidCredentials();

        var identity = await grains.GetGrain<IAccountGrain>(request.Username!).Verify(request.Password!);
        return identity is null ? InvalidCredentials() : Results.Ok(issuer.Issue(identity));
    }

    private static IResult InvalidCredentials() =>
        Problem.Of(StatusCodes.Status401Unauthorized, "invalid-credentials", "Wrong user name or password.");
}
