namespace Contact.Api.Streams;

/// <summary>
/// The event-stream routes are the only ones that take credentials (<c>?access_token=</c>,
/// <c>?customerToken=</c>) from the query string: browsers' EventSource cannot send headers.
/// Anywhere else a token in a URL would end up in logs and browser history, so it is ignored.
/// </summary>
public static class QueryStringCredentials
{
    private static readonly Marker marker = new();

    /// <summary>True for a GET of a route marked with <see cref="TakesQueryStringCredentials"/>.</summary>
    public static bool Allowed(HttpContext context) =>
        HttpMethods.IsGet(context.Request.Method) && context.GetEndpoint() is { } endpoint && IsMarked(endpoint.Metadata);

    /// <summary>True for the metadata of a route marked with <see cref="TakesQueryStringCredentials"/>.</summary>
    public static bool IsMarked(IEnumerable<object> endpointMetadata) => endpointMetadata.OfType<Marker>().Any();

    public static RouteHandlerBuilder TakesQueryStringCredentials(this RouteHandlerBuilder route) => route.WithMetadata(marker);

    private sealed class Marker;
}
