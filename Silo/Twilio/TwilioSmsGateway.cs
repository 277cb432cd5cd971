using Contact.Grains.Interfaces;
using Microsoft.Extensions.Logging;
using Twilio.Clients;
using Twilio.Exceptions;
using Twilio.Http;
using Twilio.Rest.Api.V2010.Account;
using Twilio.Types;

namespace Contact.Silo.Twilio;

/// <summary>
/// Sends texts with Twilio's SDK (<see cref="MessageResource"/>) on a <see cref="TwilioRestClient"/>
/// whose HTTP pipeline (<see cref="TwilioHttp"/>) retries what proves the message was not taken
/// (429 and 5xx) and goes to <c>Contact:Twilio:BaseUrl</c>. A request that got no answer is never
/// repeated, since Twilio may have sent it.
/// </summary>
public sealed class TwilioSmsGateway : ISmsGateway, IDisposable
{
    public const string StatusCallbackPath = "/api/v1/twilio/status";

    private readonly TwilioOptions options;
    private readonly ILogger<TwilioSmsGateway> logger;
    private readonly System.Net.Http.HttpClient http;
    private readonly TwilioRestClient? client;

    public TwilioSmsGateway(TwilioOptions options, TimeProvider time, ILogger<TwilioSmsGateway> logger)
    {
        this.options = options;
        this.logger = logger;
        http = TwilioHttp.Create(options, time, logger);
        if (options.IsConfigured)
        {
            client = new TwilioRestClient(options.AccountSid, options.AuthToken, httpClient: new SystemNetHttpClient(http));
        }
    }

    public bool IsConfigured => client is not null;

    public async Task<SmsReceipt> SendAsync(OutboundSms message, CancellationToken cancellationToken = default)
    {
        if (client is null) throw SmsSetup.NotConfigured();
        var create = new CreateMessageOptions(new PhoneNumber(message.To))
        {
            From = new PhoneNumber(message.From),
            Body = message.Body,
            StatusCallback = StatusCallback(message),
        };
        try
        {
            var sent = await MessageResource.CreateAsync(create, client);
            return new SmsReceipt(sent.Sid, sent.Status?.ToString() ?? SmsStatus.Queued);
        }
        catch (ApiException refused)
        {
            throw new SmsSendException(TwilioRefusals.FailureOf(refused.Status), refused.Code == 0 ? null : refused.Code, refused.Message);
        }
        catch (ApiConnectionException noAnswer) when (TwilioHttp.NeverReached(noAnswer.InnerException))
        {
            throw new SmsSendException(SmsFailure.Unavailable, null, $"Twilio could not be reached: {noAnswer.InnerException!.Message}");
        }
        catch (ApiConnectionException noAnswer)
        {
            logger.LogWarning("No answer from Twilio for a text of chat {ChatId} seq {Seq}: {Reason}", message.ChatId, message.Seq, noAnswer.InnerException?.Message);
            throw new SmsSendException(SmsFailure.Unknown, null,
                noAnswer.InnerException is TaskCanceledException ? "the request timed out" : noAnswer.InnerException?.Message ?? noAnswer.Message);
        }
    }

    public void Dispose() => http.Dispose();

    private Uri? StatusCallback(OutboundSms message) => options.PublicUrl is { } publicUrl
        ? new Uri($"{publicUrl.TrimEnd('/')}{StatusCallbackPath}?chatId={Uri.EscapeDataString(message.ChatId)}&seq={message.Seq}")
        : null;
}
