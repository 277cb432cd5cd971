using Contact.Grains.Interfaces;
using Microsoft.Extensions.Logging;
using Twilio.Clients;
using Twilio.Http;
using Twilio.Rest.Api.V2010.Account;
using CallRecording = Twilio.Rest.Api.V2010.Account.Call.RecordingResource;
using CreateCallRecording = Twilio.Rest.Api.V2010.Account.Call.CreateRecordingOptions;
using UpdateCallRecording = Twilio.Rest.Api.V2010.Account.Call.UpdateRecordingOptions;
using Twilio.Rest.Api.V2010.Account.Conference;
using Twilio.TwiML;
using Twilio.Types;

namespace Contact.Silo.Twilio;

/// <summary>
/// Voice through Twilio's SDK: legs rung into a call's conference with the Participants resource,
/// legs ended through the Calls resource, on the same HTTP pipeline as SMS (<see cref="TwilioHttp"/>).
/// Each leg's progress comes back to <see cref="StatusCallbackPath"/> with the call's id and the leg in the query.
/// </summary>
public sealed class TwilioVoiceGateway : IVoiceGateway, IDisposable
{
    public const string StatusCallbackPath = "/api/v1/twilio/voice/status";
    public const string RecordingCallbackPath = "/api/v1/twilio/voice/recording";
    public const string DigitsPath = "/api/v1/twilio/voice/digits";
    public const string AnsweredByPath = "/api/v1/twilio/voice/amd";

    private static readonly List<string> progress = ["initiated", "ringing", "answered", "completed"];
    private static readonly List<string> recordingProgress = ["in-progress", "completed", "absent"];

    private readonly TwilioOptions options;
    private readonly System.Net.Http.HttpClient http;
    private readonly TwilioRestClient? client;

    public TwilioVoiceGateway(TwilioOptions options, TimeProvider time, ILogger<TwilioVoiceGateway> logger)
    {
        this.options = options;
        http = TwilioHttp.Create(options, time, logger);
        if (options.IsConfigured) client = new TwilioRestClient(options.AccountSid, options.AuthToken, httpClient: new SystemNetHttpClient(http));
    }

    /// <summary>Voice needs <c>PublicUrl</c> too: without it Twilio could not tell us how the legs go.</summary>
    public bool IsConfigured => client is not null && options.PublicUrl is not null;

    public async Task<ConferenceLeg> DialIntoConferenceAsync(ConferenceDial dial, CancellationToken cancellationToken = default)
    {
        var create = new CreateParticipantOptions(dial.Conference, new PhoneNumber(dial.From), Endpoint(dial.To))
        {
            StatusCallback = StatusCallback(dial.CallId, dial.Leg),
            StatusCallbackEvent = progress,
            StartConferenceOnEnter = true,
            EndConferenceOnExit = dial.EndsConference,
            Label = dial.Leg,
        };
        if (dial.DetectMachine)
        {
            // Asynchronous detection: the customer is connected at once, and who answered follows.
            create.MachineDetection = dial.WaitForBeep ? "DetectMessageEnd" : "Enable";
            create.AmdStatusCallback = Callback($"{AnsweredByPath}?callId={Uri.EscapeDataString(dial.CallId)}");
        }
        var participant = await Send(() => ParticipantResource.CreateAsync(create, Client));
        return new ConferenceLeg(participant.CallSid, participant.ConferenceSid);
    }

    public async Task UpdateLegAsync(string conferenceSid, string callSid, LegChange change, CancellationToken cancellationToken = default)
    {
        var update = new UpdateParticipantOptions(conferenceSid, callSid) { Hold = change.Hold, Muted = change.Muted };
        // Digits are an announcement to the leg: TwiML that plays them, served by the API.
        if (change.Digits is { } digits) update.AnnounceUrl = Callback($"{DigitsPath}?digits={Uri.EscapeDataString(digits)}");
        await Send(() => ParticipantResource.UpdateAsync(update, Client));
    }

    public async Task<string> StartRecordingAsync(string callId, string callSid, CancellationToken cancellationToken = default)
    {
        var create = new CreateCallRecording(callSid)
        {
            RecordingStatusCallback = Callback($"{RecordingCallbackPath}?callId={Uri.EscapeDataString(callId)}"),
            RecordingStatusCallbackEvent = recordingProgress,
        };
        return (await Send(() => CallRecording.CreateAsync(create, Client))).Sid;
    }

    public async Task SetRecordingAsync(string callSid, string recordingSid, string status, CancellationToken cancellationToken = default) =>
        await Send(() => CallRecording.UpdateAsync(new UpdateCallRecording(callSid, recordingSid, (CallRecording.StatusEnum)status), Client));

    public async Task SayAndHangUpAsync(string callSid, string message, CancellationToken cancellationToken = default)
    {
        var words = new VoiceResponse().Say(message).Hangup();
        await Send(() => CallResource.UpdateAsync(new UpdateCallOptions(callSid) { Twiml = new Twiml(words.ToString()) }, Client));
    }

    public async Task HangUpAsync(string callSid, CancellationToken cancellationToken = default) =>
        await Send(() => CallResource.UpdateAsync(new UpdateCallOptions(callSid) { Status = CallResource.UpdateStatusEnum.Completed }, Client));

    public void Dispose() => http.Dispose();

    private TwilioRestClient Client => IsConfigured ? client! : throw VoiceSetup.NotConfigured();

    /// <summary>A softphone is <c>client:identity</c>; anything else is a phone number.</summary>
    private static IEndpoint Endpoint(string address) => address.StartsWith("client:", StringComparison.Ordinal)
        ? new Client(address["client:".Length..])
        : new PhoneNumber(address);

    private Uri StatusCallback(string callId, string leg) => Callback($"{StatusCallbackPath}?callId={Uri.EscapeDataString(callId)}&leg={leg}");

    private Uri Callback(string pathAndQuery) => new($"{options.PublicUrl!.TrimEnd('/')}{pathAndQuery}");

    private static Task<T> Send<T>(Func<Task<T>> request) => TwilioRequests.SendAsync(request, (code, message) => new VoiceException(code, message));
}
