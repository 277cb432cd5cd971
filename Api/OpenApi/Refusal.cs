namespace Contact.Api.OpenApi;

/// <summary>
/// A problem a route may answer: its status and the <c>code</c> values it carries there. The
/// OpenAPI document lists them for each route, and the HTTP tests check every problem the server
/// sends against them.
/// </summary>
public sealed record Refusal(int Status, IReadOnlyList<string> Codes);

public static class RefusalConventions
{
    /// <summary>Declares that the route (or every route of the group) may answer <paramref name="status"/> with these codes.</summary>
    public static TBuilder Refuses<TBuilder>(this TBuilder builder, int status, params string[] codes) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new Refusal(status, codes));
}
