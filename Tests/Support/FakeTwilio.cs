using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Contact.Tests.Support;

/// <summary>A text the stand-in accepted, with the form fields it was sent with.</summary>
public sealed record FakeTwilioMessage(string Sid, string From, string To, string Body, string? StatusCallback);

/// <summary>
/// A stand-in for Twilio on a real socket (127.0.0.1). Its Messages resource checks what Twilio
/// checks (account path, Basic auth, the form fields) and answers as Twilio does: 201 with the
/// message as JSON, or Twilio's error JSON. Answers can be scripted ahead (503, 429, a delay).
/// It plays Twilio's side of the webhooks too: signed status callbacks and inbound texts.
/// </summary>
public sealed partial class FakeTwilio : IAsyncDisposable
{
    public const string AccountSid = "AC0123456789abcdef0123456789abcdef";
    public const string AuthToken = "fake-twilio-auth-token";

    private readonly WebApplication app;
    private readonly ConcurrentQueue<Func<HttpContext, Task>> scripted = new();
    private readonly ConcurrentQueue<FakeTwilioMessage> messages = new();
    private readonly ConcurrentDictionary<string, bool> optedOut = new();
    private HttpClient webhooks = new();
    private int attempts;

    private FakeTwilio(WebApplication app) => this.app = app;

    public string BaseUrl => app.Urls.First();

    /// <summary>Every request that reached the Messages resource, accepted or not.</summary>
    public int Attempts => Volatile.Read(ref attempts);

    public IReadOnlyList<FakeTwilioMessage> Messages => [.. messages];

    /// <summary>The server's Twilio settings that point it at this stand-in; webhooks are signed for <paramref name="publicUrl"/>.</summary>
    public Dictionary<string, string> SettingsFor(string publicUrl) => new()
    {
        ["Contact:Twilio:AccountSid"] = AccountSid,
        ["Contact:Twilio:AuthToken"] = AuthToken,
        ["Contact:Twilio:BaseUrl"] = BaseUrl,
        ["Contact:Twilio:PublicUrl"] = publicUrl,
    };

    /// <param name="url">Where it listens; by default a free port of 127.0.0.1.</param>
    public static async Task<FakeTwilio> StartAsync(string url = "http://127.0.0.1:0")
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(url);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var app = builder.Build();
        var fake = new FakeTwilio(app);
        app.MapPost("/2010-04-01/Accounts/{accountSid}/Messages.json", (string accountSid, HttpContext context) => fake.CreateMessage(accountSid, context));
        fake.MapVoice(app);
        fake.MapVideo(app);
        await app.StartAsync();
        return fake;
    }

    /// <summary>The next request (to any resource) gets this status and Twilio's error JSON (with Retry-After for a 429, when given).</summary>
    public void AnswerNext(HttpStatusCode status, int code, string message, int? retryAfterSeconds = null) => scripted.Enqueue(async context =>
    {
        if (retryAfterSeconds is { } seconds) context.Response.Headers.RetryAfter = seconds.ToString();
        await Error(context, status, code, message);
    });

    /// <summary>The next request gets no answer for this long (then a 201, too late for the caller).</summary>
    public void StallNext(TimeSpan delay) => scripted.Enqueue(async context =>
    {
        await Task.Delay(delay);
        await Accept(context, await context.Request.ReadFormAsync());
    });

    /// <summary>Twilio refuses texts to this number with error 21610, as after the recipient texted STOP.</summary>
    public void Unsubscribe(string number) => optedOut[number] = true;

    /// <summary>Posts a status callback for <paramref name="message"/>, signed as Twilio signs it.</summary>
    public Task<HttpResponseMessage> ReportStatusAsync(FakeTwilioMessage message, string status, int? errorCode = null)
    {
        var form = new Dictionary<string, string>
        {
            ["AccountSid"] = AccountSid,
            ["ApiVersion"] = "2010-04-01",
            ["From"] = message.From,
            ["To"] = message.To,
            ["MessageSid"] = message.Sid,
            ["SmsSid"] = message.Sid,
            ["MessageStatus"] = status,
            ["SmsStatus"] = status,
        };
        if (errorCode is { } code) form["ErrorCode"] = code.ToString();
        return PostSignedAsync(message.StatusCallback ?? throw new InvalidOperationException("The text had no StatusCallback."), form);
    }

    /// <summary>Posts an inbound text to <paramref name="webhookUrl"/>, signed as Twilio signs it.</summary>
    public Task<HttpResponseMessage> TextInAsync(string webhookUrl, string messageSid, string from, string to, string body) =>
        PostSignedAsync(webhookUrl, new Dictionary<string, string>
        {
            ["AccountSid"] = AccountSid,
            ["ApiVersion"] = "2010-04-01",
            ["MessageSid"] = messageSid,
            ["SmsMessageSid"] = messageSid,
            ["SmsSid"] = messageSid,
            ["From"] = from,
            ["To"] = to,
            ["Body"] = body,
            ["NumMedia"] = "0",
            ["NumSegments"] = "1",
        });

    /// <summary>Webhooks go through <paramref name="handler"/> (an in-process test server's) instead of a socket, signed for the same URLs.</summary>
    public void DeliverWebhooksThrough(HttpMessageHandler handler)
    {
        webhooks.Dispose();
        webhooks = new HttpClient(handler);
    }

    public async Task<HttpResponseMessage> PostSignedAsync(string url, Dictionary<string, string> form, string? signature = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Add("X-Twilio-Signature", signature ?? TwilioSigner.Sign(AuthToken, url, form));
        return await webhooks.SendAsync(request);
    }

    public async ValueTask DisposeAsync()
    {
        webhooks.Dispose();
        await app.DisposeAsync();
    }

    private async Task CreateMessage(string accountSid, HttpContext context)
    {
        Interlocked.Increment(ref attempts);
        if (await AnsweredBeforehandAsync(accountSid, context)) return;
        if (!context.Request.HasFormContentType)
        {
            await Error(context, HttpStatusCode.BadRequest, 20001, "Content-Type must be application/x-www-form-urlencoded");
            return;
        }
        var form = await context.Request.ReadFormAsync();
        var (code, message) = (form["To"].ToString(), form["From"].ToString(), form["Body"].ToString()) switch
        {
            ("", _, _) => (21604, "A 'To' phone number is required."),
            ({ } to, _, _) when !E164.IsMatch(to) => (21211, $"The 'To' number {to} is not a valid phone number."),
            (_, "", _) => (21603, "A 'From' phone number is required."),
            (_, _, "") => (21602, "Message body is required."),
            ({ } to, _, _) when optedOut.ContainsKey(to) => (21610, "Attempt to send to unsubscribed recipient"),
            _ => (0, ""),
        };
        if (code != 0) await Error(context, HttpStatusCode.BadRequest, code, message);
        else await Accept(context, form);
    }

    /// <summary>True when the request was answered already: with 401 for wrong credentials, or as scripted ahead.</summary>
    private async Task<bool> AnsweredBeforehandAsync(string accountSid, HttpContext context)
    {
        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{AccountSid}:{AuthToken}"));
        if (accountSid != AccountSid || context.Request.Headers.Authorization != expected)
        {
            await Error(context, HttpStatusCode.Unauthorized, 20003, "Authenticate");
            return true;
        }
        if (!scripted.TryDequeue(out var answer)) return false;
        await answer(context);
        return true;
    }

    private async Task Accept(HttpContext context, IFormCollection form)
    {
        var sid = "SM" + Guid.NewGuid().ToString("N");
        var message = new FakeTwilioMessage(sid, form["From"]!, form["To"]!, form["Body"]!,
            form.TryGetValue("StatusCallback", out var callback) ? callback.ToString() : null);
        messages.Enqueue(message);
        context.Response.StatusCode = StatusCodes.Status201Created;
        await context.Response.WriteAsJsonAsync(new Dictionary<string, object?>
        {
            ["sid"] = sid,
            ["account_sid"] = AccountSid,
            ["from"] = message.From,
            ["to"] = message.To,
            ["body"] = message.Body,
            ["status"] = "queued",
            ["num_segments"] = "1",
            ["direction"] = "outbound-api",
            ["api_version"] = "2010-04-01",
            ["error_code"] = null,
            ["error_message"] = null,
            ["date_created"] = DateTimeOffset.UtcNow.ToString("r"),
            ["uri"] = $"/2010-04-01/Accounts/{AccountSid}/Messages/{sid}.json",
        });
    }

    private static async Task Error(HttpContext context, HttpStatusCode status, int code, string message)
    {
        context.Response.StatusCode = (int)status;
        await context.Response.WriteAsJsonAsync(new Dictionary<string, object?>
        {
            ["code"] = code,
            ["message"] = message,
            ["more_info"] = $"https://www.twilio.com/docs/errors/{code}",
            ["status"] = (int)status,
        });
    }

    [GeneratedRegex(@"^\+[1-9][0-9]{7,14}$")]
    private static partial Regex E164 { get; }
}
