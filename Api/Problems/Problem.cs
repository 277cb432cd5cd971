using Contact.Grains.Interfaces;

namespace Contact.Api.Problems;

/// <summary>RFC 9457 problem details, always with a stable <c>code</c> extension.</summary>
public static class Problem
{
    public static IResult Of(int status, string code, string title, string? detail = null, IReadOnlyDictionary<string, object?>? extensions = null)
    {
        var all = new Dictionary<string, object?> { ["code"] = code };
        if (extensions is not null) foreach (var (key, value) in extensions) all[key] = value;
        return Results.Problem(detail, statusCode: status, title: title, extensions: all);
    }

    /// <summary>400 naming each bad field.</summary>
    public static IResult Invalid(string code, string detail, IReadOnlyDictionary<string, string[]> errors) =>
        Of(StatusCodes.Status400BadRequest, code, "The request is invalid.", detail,
            new Dictionary<string, object?> { ["errors"] = errors });

    public static IResult Forbidden(string detail) =>
        Of(StatusCodes.Status403Forbidden, "forbidden", "You may not do this.", detail);

    /// <summary>For an error status the framework set without a body.</summary>
    public static IResult ForStatus(int status) => status switch
    {
        StatusCodes.Status404NotFound => Of(status, "route-not-found", "There is no such resource.", "Check the path against the API reference at /swagger."),
        StatusCodes.Status405MethodNotAllowed => Of(status, "method-not-allowed", "This resource does not take that method."),
        StatusCodes.Status413PayloadTooLarge => TooLarge(RequestLimits.MaxBodyBytes),
        StatusCodes.Status415UnsupportedMediaType => Of(status, "unsupported-media-type", "Send the body as JSON.",
            "This route takes Content-Type: application/json."),
        _ => Of(status, "http-" + status, "The request failed."),
    };

    /// <summary>A body over <paramref name="limit"/> bytes.</summary>
    public static IResult TooLarge(int limit) => Of(StatusCodes.Status413PayloadTooLarge, "body-too-large", "The request is too large.",
        $"A body here is at most {limit:N0} bytes.", new Dictionary<string, object?> { ["limit"] = limit });

    public static IResult From(ContactException error)
    {
        var status = error.Kind switch
        {
            ErrorKind.Invalid => StatusCodes.Status400BadRequest,
            ErrorKind.NotFound => StatusCodes.Status404NotFound,
            ErrorKind.Forbidden => StatusCodes.Status403Forbidden,
            ErrorKind.Unprocessable => StatusCodes.Status422UnprocessableEntity,
            ErrorKind.Upstream => StatusCodes.Status502BadGateway,
            ErrorKind.Unavailable => StatusCodes.Status503ServiceUnavailable,
            ErrorKind.Throttled => StatusCodes.Status429TooManyRequests,
            _ => StatusCodes.Status409Conflict,
        };
        var title = error.Kind switch
        {
            ErrorKind.Invalid => "The request is invalid.",
            ErrorKind.NotFound => "Not found.",
            ErrorKind.Forbidden => "You may not do this.",
            ErrorKind.Unprocessable => "This cannot be done as asked.",
            ErrorKind.Upstream => "An outside service did not do it.",
            ErrorKind.Unavailable => "Not available now.",
            ErrorKind.Throttled => "Too many attempts; wait a little.",
            _ => "Not possible in the current state.",
        };
        return Of(status, error.Code, title, error.Message, error.Details);
    }
}
