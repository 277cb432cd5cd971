namespace Contact.Grains.Interfaces;

/// <summary>
/// A phone to ring into a call's conference: its address (a number, or client:identity for a
/// softphone) and our number to show. The leg's progress comes back to the call as
/// <see cref="CallStatusReport"/>s for <paramref name="Leg"/>.
/// </summary>
/// <param name="DetectMachine">Ask Twilio whether a person or a machine answers; its answer comes back to the call (<c>ReportAnsweredBy</c>).</param>
/// <param name="WaitForBeep">With detection: a machine is reported when its greeting ends (at the beep), so that a message can follow.</param>
public sealed record ConferenceDial(string CallId, string Leg, string From, string To, bool EndsConference, bool DetectMachine = false, bool WaitForBeep = false)
{
    public string Conference => CallConferences.Of(CallId);
}

/// <summary>A leg in a call's conference: its CallSid, and the conference's own sid, which Twilio's conference operations need.</summary>
public sealed record ConferenceLeg(string CallSid, string ConferenceSid);

/// <summary>What to change on a leg in the conference; null leaves it as it is. <paramref name="Digits"/> are played into the leg as DTMF tones.</summary>
public sealed record LegChange(bool? Hold = null, bool? Muted = null, string? Digits = null);

/// <summary>Each call's customer and agents meet in a conference of their own, named for the call.</summary>
public static class CallConferences
{
    public static string Of(string callId) => $"call-{callId}";
}

/// <summary>
/// The voice provider, as the grains need it (the Twilio adapter in Silo implements it). Every
/// operation either is done when it returns or throws <see cref="VoiceException"/>.
/// </summary>
public interface IVoiceGateway
{
    /// <summary>False when no credentials are configured: every voice call then answers <c>voice-not-configured</c>.</summary>
    bool IsConfigured { get; }

    /// <summary>Rings <see cref="ConferenceDial.To"/> and joins it to the conference when it answers.</summary>
    Task<ConferenceLeg> DialIntoConferenceAsync(ConferenceDial dial, CancellationToken cancellationToken = default);

    /// <summary>Holds or retrieves, mutes or unmutes a leg in the conference, or plays it digits.</summary>
    Task UpdateLegAsync(string conferenceSid, string callSid, LegChange change, CancellationToken cancellationToken = default);

    /// <summary>Starts recording the call through the leg; the recording's sid. Its progress comes back as <see cref="RecordingReport"/>s for <paramref name="callId"/>.</summary>
    Task<string> StartRecordingAsync(string callId, string callSid, CancellationToken cancellationToken = default);

    /// <summary>Pauses (<see cref="RecordingStatuses.Paused"/>), resumes (<see cref="RecordingStatuses.InProgress"/>) or stops (<see cref="RecordingStatuses.Stopped"/>) a recording.</summary>
    Task SetRecordingAsync(string callSid, string recordingSid, string status, CancellationToken cancellationToken = default);

    /// <summary>Takes the leg out of its conference, speaks <paramref name="message"/> to it, then ends it.</summary>
    Task SayAndHangUpAsync(string callSid, string message, CancellationToken cancellationToken = default);

    /// <summary>Ends the leg (a caller still waiting, a phone still ringing, a leg in a conference).</summary>
    Task HangUpAsync(string callSid, CancellationToken cancellationToken = default);
}

public static class VoiceSetup
{
    public static ContactException NotConfigured() =>
        new("voice-not-configured", ErrorKind.Unavailable,
            "Voice is not set up on this server (Contact:Twilio:AccountSid, AuthToken and PublicUrl are needed).");
}

/// <summary>The provider refused or could not be reached; <see cref="ProviderCode"/> is its error code when it gave one.</summary>
public sealed class VoiceException(int? providerCode, string message) : Exception(message)
{
    public int? ProviderCode { get; } = providerCode;
}
