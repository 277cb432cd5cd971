using System.Net;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace Contact.Silo.Twilio;

/// <summary>
/// The HTTP pipeline under Twilio's SDK: each attempt limited to <c>AttemptTimeout</c>, answers
/// 429 and 5xx retried (exponential with jitter, or Twilio's Retry-After), and every request sent to
/// <c>BaseUrl</c> (Twilio's own address by default; a stand-in's in tests).
/// </summary>
public static class TwilioHttp
{
    private static readonly TimeSpan LongestRetryAfter = TimeSpan.FromSeconds(30);

    public static HttpClient Create(TwilioOptions options, TimeProvider time, ILogger logger)
    {
        var socket = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), AllowAutoRedirect = false };
        var retries = new RetryHandler(Retries(options, time, logger), options.AttemptTimeout) { InnerHandler = socket };
        // Attempts time out one by one in the retry handler; the SDK's call as a whole has no limit of its own.
        return new HttpClient(new BaseUrlHandler(new Uri(options.BaseUrl)) { InnerHandler = retries }) { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>True when the request cannot have reached Twilio (no connection, no name): it did not go out.</summary>
    public static bool NeverReached(Exception? error) =>
        error is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError };

    private static ResiliencePipeline<HttpResponseMessage> Retries(TwilioOptions options, TimeProvider time, ILogger logger) =>
        new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result is { } response && TwilioRefusals.MayRetry(response.StatusCode)),
                MaxRetryAttempts = Math.Max(options.MaxRetries, 1),
                Delay = options.RetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome.Result)),
                OnRetry = args =>
                {
                    logger.LogWarning("Twilio answered {Status}; retry {Attempt} in {Delay}",
                        (int?)args.Outcome.Result?.StatusCode, args.AttemptNumber + 1, args.RetryDelay);
                    return default;
                },
            })
            .Build();

    /// <summary>Twilio's Retry-After, when it sends one (capped); null lets the exponential backoff decide.</summary>
    private static TimeSpan? RetryAfter(HttpResponseMessage? response)
    {
        var delta = response?.Headers.RetryAfter?.Delta;
        return delta is { } wait && wait >= TimeSpan.Zero ? (wait < LongestRetryAfter ? wait : LongestRetryAfter) : null;
    }

    private sealed class RetryHandler(ResiliencePipeline<HttpResponseMessage> retries, TimeSpan attemptTimeout) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            retries.ExecuteAsync(async (r, token) =>
            {
                using var attempt = CancellationTokenSource.CreateLinkedTokenSource(token);
                attempt.CancelAfter(attemptTimeout);
                var response = await base.SendAsync(r, attempt.Token);
                // The body is read here, inside the attempt's time, so a stalled body is a timed-out attempt too.
                await response.Content.LoadIntoBufferAsync(attempt.Token);
                return response;
            }, request, cancellationToken).AsTask();
    }

    /// <summary>Sends the SDK's requests (built for https://api.twilio.com) to the configured address, path and query unchanged.</summary>
    private sealed class BaseUrlHandler(Uri baseUrl) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.RequestUri is { } uri)
            {
                request.RequestUri = new UriBuilder(uri) { Scheme = baseUrl.Scheme, Host = baseUrl.Host, Port = baseUrl.Port }.Uri;
            }
            return base.SendAsync(request, cancellationToken);
        }
    }
}
