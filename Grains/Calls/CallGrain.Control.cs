using System.Text.Json;
using Contact.Grains.Interfaces;
using Contact.Storage;

namespace Contact.Grains.Calls;

/// <summary>What an agent does to a connected call: hold, mute, digits and recording, each a Twilio operation asked first.</summary>
public sealed partial class CallGrain
{
    public const string HeldEvent = "call.held";
    public const string RetrievedEvent = "call.retrieved";
    public const string MutedEvent = "call.muted";
    public const string UnmutedEvent = "call.unmuted";
    public const string DigitsEvent = "call.digits";
    public const string RecordingEvent = "call.recording";

    public async Task<CallView> Hold(string agentId, bool onHold)
    {
        EnsureConnectedTo(agentId);
        if (Call.CustomerOnHold == onHold) return View();
        await SetHoldAsync(onHold);
        return await ChangedAsync(onHold ? HeldEvent : RetrievedEvent, null);
    }

    /// <summary>Puts the customer on hold or takes them off it, at Twilio; written with the caller's next write.</summary>
    private async Task SetHoldAsync(bool onHold)
    {
        if (Call.CustomerOnHold == onHold) return;
        await TwilioAsync(() => voice.UpdateLegAsync(Call.ConferenceSid!, Call.Legs[CallLegs.Customer].CallSid, new LegChange(Hold: onHold)));
        Call.CustomerOnHold = onHold;
    }

    public async Task<CallView> Mute(string agentId, bool muted)
    {
        EnsureConnectedTo(agentId);
        if (Call.AgentMuted == muted) return View();
        await TwilioAsync(() => voice.UpdateLegAsync(Call.ConferenceSid!, Call.Legs[CallLegs.Agent].CallSid, new LegChange(Muted: muted)));
        Call.AgentMuted = muted;
        return await ChangedAsync(muted ? MutedEvent : UnmutedEvent, null);
    }

    public async Task<CallView> SendDigits(string agentId, string digits)
    {
        EnsureConnectedTo(agentId);
        await TwilioAsync(() => voice.UpdateLegAsync(Call.ConferenceSid!, Call.Legs[CallLegs.Customer].CallSid, new LegChange(Digits: digits)));
        return await ChangedAsync(DigitsEvent, digits);
    }

    /// <summary>One recording runs at a time: it can be paused, resumed and stopped; after it stops, a new one can start.</summary>
    public async Task<CallView> Record(string agentId, RecordingAction action)
    {
        EnsureConnectedTo(agentId);
        var running = Call.Recordings.LastOrDefault(r => !RecordingStatuses.IsOver(r.Status));
        var customerLeg = Call.Legs[CallLegs.Customer].CallSid;
        switch (action, running)
        {
            case (RecordingAction.Start, null):
                var sid = await TwilioAsync(() => voice.StartRecordingAsync(CallId, customerLeg));
                Call.Recordings.Add(new CallRecording(sid, RecordingStatuses.InProgress, time.GetUtcNow(), null));
                return await ChangedAsync(RecordingEvent, RecordingStatuses.InProgress);
            case (RecordingAction.Start, _):
                throw CallErrors.Recording(CallId, "a recording runs already; stop it first");
            case (_, null):
                throw CallErrors.Recording(CallId, "no recording runs");
            default:
                var status = action switch
                {
                    RecordingAction.Pause => RecordingStatuses.Paused,
                    RecordingAction.Resume => RecordingStatuses.InProgress,
                    _ => RecordingStatuses.Stopped,
                };
                if (running.Status == status) return View();
                await TwilioAsync(() => voice.SetRecordingAsync(customerLeg, running.Sid, status));
                Call.Recordings[Call.Recordings.IndexOf(running)] = running with { Status = status };
                return await ChangedAsync(RecordingEvent, status);
        }
    }

    public async Task ReportRecording(RecordingReport report)
    {
        EnsureStarted();
        var index = Call.Recordings.FindIndex(r => r.Sid == report.RecordingSid);
        if (index < 0) return;
        var known = Call.Recordings[index];
        // Only the end's status and length are news: the pauses and resumes were ours.
        if (!RecordingStatuses.IsOver(report.Status) || (known.Status == report.Status && known.DurationSeconds == report.DurationSeconds)) return;
        Call.Recordings[index] = known with { Status = report.Status, DurationSeconds = report.DurationSeconds ?? known.DurationSeconds };
        await state.WriteStateAsync();
    }

    /// <summary>Writes what changed and tells the agent: each call control is an event on its stream.</summary>
    private async Task<CallView> ChangedAsync(string kind, string? detail, string? tell = null)
    {
        await state.WriteStateAsync();
        await TellAsync(tell ?? Call.AgentId!, kind, detail);
        return View();
    }

    private Task TellAsync(string agentId, string kind, string? detail) =>
        Agent(agentId).PostEvent(kind, JsonSerializer.Serialize(new CallEvent(CallId, Call.State, Call.AgentId, detail), GrainJson.Options));

    /// <summary>Twilio is asked first: when it refuses, nothing of the call has changed.</summary>
    private async Task<T> TwilioAsync<T>(Func<Task<T>> operation)
    {
        try
        {
            return await operation();
        }
        catch (VoiceException failed)
        {
            throw CallErrors.ProviderFailed(CallId, failed);
        }
    }

    private Task TwilioAsync(Func<Task> operation) => TwilioAsync(async () =>
    {
        await operation();
        return true;
    });

}
