using System.Net;
using Contact.Grains.Interfaces;
using Contact.Silo.Twilio;
using Contact.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace Contact.Tests.Sms;

/// <summary>The production adapter against the Twilio stand-in on 127.0.0.1.</summary>
public sealed class TwilioGatewayTests : IAsyncLifetime
{
    private FakeTwilio twilio = null!;
    private TwilioSmsGateway gateway = null!;

    public async Task InitializeAsync()
    {
        twilio = await FakeTwilio.StartAsync();
        gateway = Gateway(twilio.BaseUrl);
    }

    public async Task DisposeAsync()
    {
        gateway.Dispose();
        await twilio.DisposeAsync();
    }

    private static readonly OutboundSms Text = new("+15550100000", "+15550199999", "Your code is 1234", "chat-1", 7);

    [Fact]
    public async Task A_text_is_posted_as_Twilio_expects_and_its_sid_is_kept()
    {
        var receipt = await gateway.SendAsync(Text);

        var sent = Assert.Single(twilio.Messages);
        Assert.Equal((Text.From, Text.To, Text.Body), (sent.From, sent.To, sent.Body));
        Assert.Equal("https://contact.example.com/api/v1/twilio/status?chatId=chat-1&seq=7", sent.StatusCallback);
        Assert.Equal((sent.Sid, "queued"), (receipt.Sid, receipt.Status));
    }

    [Fact]
    public async Task Busy_and_failing_answers_are_retried_and_the_text_goes_out_once()
    {
        twilio.AnswerNext(HttpStatusCode.ServiceUnavailable, 20503, "Service unavailable");
        twilio.AnswerNext(HttpStatusCode.TooManyRequests, 20429, "Too many requests", retryAfterSeconds: 0);

        var receipt = await gateway.SendAsync(Text);

        Assert.Equal(3, twilio.Attempts);
        Assert.Equal(receipt.Sid, Assert.Single(twilio.Messages).Sid);
    }

    [Fact]
    public async Task A_refusal_is_not_retried_and_keeps_Twilios_error_code()
    {
        var error = await Assert.ThrowsAsync<SmsSendException>(() => gateway.SendAsync(Text with { To = "+1" }));

        Assert.Equal((SmsFailure.Rejected, 21211), (error.Failure, error.ProviderCode));
        Assert.Equal(1, twilio.Attempts);
        Assert.Empty(twilio.Messages);
    }

    [Fact]
    public async Task An_opted_out_recipient_is_error_21610()
    {
        twilio.Unsubscribe(Text.To);
        var error = await Assert.ThrowsAsync<SmsSendException>(() => gateway.SendAsync(Text));
        Assert.Equal((SmsFailure.Rejected, SmsSendException.OptedOutCode), (error.Failure, error.ProviderCode));
    }

    [Fact]
    public async Task Twilio_failing_through_every_retry_is_unavailable()
    {
        for (var i = 0; i < 4; i++) twilio.AnswerNext(HttpStatusCode.InternalServerError, 20500, "Internal server error");

        var error = await Assert.ThrowsAsync<SmsSendException>(() => gateway.SendAsync(Text));

        Assert.Equal((SmsFailure.Unavailable, 20500), (error.Failure, error.ProviderCode));
        Assert.Equal(4, twilio.Attempts);
        Assert.Empty(twilio.Messages);
    }

    [Fact]
    public async Task Wrong_credentials_are_the_servers_configuration_not_the_texts_fault()
    {
        using var wrong = Gateway(twilio.BaseUrl, token: "not-the-token");
        var error = await Assert.ThrowsAsync<SmsSendException>(() => wrong.SendAsync(Text));
        Assert.Equal((SmsFailure.Misconfigured, 20003), (error.Failure, error.ProviderCode));
        Assert.Equal(1, twilio.Attempts);
    }

    [Fact]
    public async Task A_request_without_an_answer_is_never_sent_again()
    {
        // A second of patience: on a loaded machine 300 ms could pass before the request even reached the stand-in.
        twilio.StallNext(TimeSpan.FromSeconds(5));
        using var impatient = Gateway(twilio.BaseUrl, attemptTimeout: TimeSpan.FromSeconds(1));

        var error = await Assert.ThrowsAsync<SmsSendException>(() => impatient.SendAsync(Text));

        Assert.Equal(SmsFailure.Unknown, error.Failure);
        Assert.Equal(1, twilio.Attempts);
    }

    [Fact]
    public async Task Twilio_out_of_reach_is_unavailable()
    {
        using var nowhere = Gateway($"http://127.0.0.1:{SiloPorts.Free()}");
        var error = await Assert.ThrowsAsync<SmsSendException>(() => nowhere.SendAsync(Text));
        Assert.Equal(SmsFailure.Unavailable, error.Failure);
    }

    private static TwilioSmsGateway Gateway(string baseUrl, string token = FakeTwilio.AuthToken, TimeSpan? attemptTimeout = null) =>
        new(new TwilioOptions
        {
            AccountSid = FakeTwilio.AccountSid,
            AuthToken = token,
            BaseUrl = baseUrl,
            PublicUrl = "https://contact.example.com/",
            RetryDelay = TimeSpan.FromMilliseconds(1),
            AttemptTimeout = attemptTimeout ?? TimeSpan.FromSeconds(10),
        }, TimeProvider.System, NullLogger<TwilioSmsGateway>.Instance);
}
