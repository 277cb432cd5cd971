using System.Text.Json;
using Contact.Grains.Interfaces;
using Microsoft.AspNetCore.Diagnostics;
using Orleans.Storage;

namespace Contact.Api.Problems;

/// <summary>
/// Turns every exception that leaves an endpoint into problem details: domain refusals keep
/// their code, unreadable bodies are 400 <c>malformed-json</c>, and only a real fault is a 500.
/// </summary>
internal sealed class ProblemExceptionHandler(ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is ContactException { Kind: ErrorKind.Throttled } throttled && throttled.Details.TryGetValue("retryAfterSeconds", out var seconds))
        {
            context.Response.Headers.RetryAfter = Convert.ToString(seconds, System.Globalization.CultureInfo.InvariantCulture);
        }
        if (exception is OrleansMessageRejectionException) context.Response.Headers.RetryAfter = "1";
        var result = exception switch
        {
            ContactException domain => Problem.From(domain),
            BadHttpRequestException { InnerException: JsonException json } => Problem.Of(400, "malformed-json",
                "The body is not valid JSON for this request.", Describe(json)),
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => Problem.TooLarge(RequestLimits.MaxBodyBytes),
            BadHttpRequestException { StatusCode: StatusCodes.Status415UnsupportedMediaType } => Problem.ForStatus(StatusCodes.Status415UnsupportedMediaType),
            BadHttpRequestException bad => Problem.Of(bad.StatusCode, bad.StatusCode == 400 ? "bad-request" : "request-rejected",
                "The request could not be read.", bad.Message),
            InconsistentStateException => Problem.Of(409, "concurrent-update",
                "Someone else changed this at the same moment; try again.", null),
            TimeoutException => Problem.Of(503, "timeout", "The server did not answer in time; try again.", null),
            // The silo that held this was stopping or lost (a SiloUnavailableException among them).
            OrleansMessageRejectionException => Problem.Of(503, "node-unavailable",
                "The part of the cluster that holds this is moving to another node; try again in a second.", null),
            _ => null,
        };
        if (exception is OrleansMessageRejectionException or TimeoutException)
        {
            // Operations see why: a silo stopping or lost, or a call that outlived its timeout.
            logger.LogWarning("{Path} answered 503: {Reason}", context.Request.Path, exception.Message);
        }
        if (result is null)
        {
            logger.LogError(exception, "Unhandled error on {Path}", context.Request.Path);
            result = Problem.Of(500, "internal-error", "Something went wrong on the server.", null);
        }
        await result.ExecuteAsync(context);
        return true;
    }

    /// <summary>Where the body went wrong, in the client's terms: the serializer's own messages name .NET types.</summary>
    private static string Describe(JsonException json) => json switch
    {
        StrictEnumConverter.NotAName { Path: { } path } => $"{path}: {json.Message}",
        { Path: { Length: > 1 } path } => $"The value at {path} is not of the kind this field takes.",
        { LineNumber: { } line, BytePositionInLine: { } position } => $"Not valid JSON at line {line + 1}, byte {position + 1}.",
        _ => "Not valid JSON.",
    };
}
