using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Contact.Grains.Interfaces;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace Contact.Silo.Twilio;

/// <summary>
/// Sends texts through Twilio's Messages resource, on plain HttpClient (the Twilio SDK is not on
/// our package feed). Only answers that prove the message was not taken are retried: 429 and
/// 5xx. A request that got no answer is never repeated, since Twilio may have sent it.
/// </summary>
public sealed class TwilioSmsGateway : ISmsGateway, IDisposable
{
    public const string StatusCallbackPath = "/api/v1/twilio/status";
    private static readonly TimeSpan LongestRetryAfter = TimeSpan.FromSeconds(30);

    private readonly TwilioOptions options;
    private readonly ILogger<TwilioSmsGateway> logger;
    private readonly HttpClient http;
    private readonly ResiliencePipeline<HttpResponseMessage> retries;

    public TwilioSmsGateway(TwilioOptions options, TimeProvider time, ILogger<TwilioSmsGateway> logger)
    {
        this.options = options;
        this.logger = logger;
        http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            Timeout = options.AttemptTimeout,
        };
        if (options.IsConfigured)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
                Convert.ToBase64String(Encoding.UTF8.GetBytes($"{options.AccountSid}:{options.AuthToken}")));
        }
        retries = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result is { } response && MayRetry(response.StatusCode)),
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
    }

    public bool IsConfigured => options.IsConfigured;

    public async Task<SmsReceipt> SendAsync(OutboundSms message, CancellationToken cancellationToken = default)
    {
        HttpResponseMessage response;
        try
        {
            response = await retries.ExecuteAsync(
                async (m, token) => await http.SendAsync(NewRequest(m), token), message, cancellationToken);
        }
        catch (HttpRequestException error) when (error.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError)
        {
            throw new SmsSendException(SmsFailure.Unavailable, null, $"Twilio could not be reached: {error.Message}");
        }
        catch (Exception error) when (error is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(error, "No answer from Twilio for a text of chat {ChatId} seq {Seq}", message.ChatId, message.Seq);
            throw new SmsSendException(SmsFailure.Unknown, null, error is TaskCanceledException ? "the request timed out" : error.Message);
        }

        using (response)
        {
            var body = await ReadJsonAsync(response, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                var sid = Text(body, "sid") ?? throw new SmsSendException(SmsFailure.Unknown, null, "Twilio's answer has no message sid");
                return new SmsReceipt(sid, Text(body, "status") ?? SmsStatus.Queued);
            }
            var code = body is { } json && json.TryGetProperty("code", out var c) && c.TryGetInt32(out var n) ? n : (int?)null;
            var reason = Text(body, "message") ?? $"HTTP {(int)response.StatusCode}";
            var failure = MayRetry(response.StatusCode) ? SmsFailure.Unavailable : SmsFailure.Rejected;
            throw new SmsSendException(failure, code, reason);
        }
    }

    public void Dispose() => http.Dispose();

    private HttpRequestMessage NewRequest(OutboundSms message)
    {
        var form = new List<KeyValuePair<string, string>>
        {
            new("To", message.To),
            new("From", message.From),
            new("Body", message.Body),
        };
        if (options.PublicUrl is { } publicUrl)
        {
            form.Add(new("StatusCallback", $"{publicUrl.TrimEnd('/')}{StatusCallbackPath}" +
                $"?chatId={Uri.EscapeDataString(message.ChatId)}&seq={message.Seq}"));
        }
        var url = $"{options.BaseUrl.TrimEnd('/')}/2010-04-01/Accounts/{Uri.EscapeDataString(options.AccountSid!)}/Messages.json";
        return new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(form) };
    }

    private static bool MayRetry(HttpStatusCode status) => status == HttpStatusCode.TooManyRequests || (int)status >= 500;

    /// <summary>Twilio's Retry-After, when it sends one (capped); null lets the exponential backoff decide.</summary>
    private static TimeSpan? RetryAfter(HttpResponseMessage? response)
    {
        var delta = response?.Headers.RetryAfter?.Delta;
        return delta is { } wait && wait >= TimeSpan.Zero ? (wait < LongestRetryAfter ? wait : LongestRetryAfter) : null;
    }

    private static async Task<JsonElement?> ReadJsonAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            using var document = JsonDocument.Parse(text);
            return document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement.Clone() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Text(JsonElement? body, string name) =>
        body is { } json && json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
