namespace Contact.Grains.Interfaces;

[GenerateSerializer, Alias("Contact.CampaignMode")]
public enum CampaignMode
{
    Preview,
    Progressive,
    Predictive,
}

/// <summary>What a disposition does to the record: done, called again after the retry delay, or its number never called again.</summary>
[GenerateSerializer, Alias("Contact.DispositionOutcome")]
public enum DispositionOutcome
{
    Final,
    Retry,
    Dnc,
}

[GenerateSerializer, Immutable, Alias("Contact.Disposition")]
public sealed record Disposition(string Name, DispositionOutcome Outcome);

/// <summary>When a customer may be called, in the customer's own local time ("09:00" to "21:00").</summary>
/// <param name="From">Start of the window, HH:mm.</param>
/// <param name="To">End of the window, HH:mm, not included; earlier than From means the window runs past midnight.</param>
[GenerateSerializer, Immutable, Alias("Contact.CallingHours")]
public sealed record CallingHours(string From, string To);

/// <summary>What a campaign that dials by itself does with a call that Twilio's detection says a machine answered.</summary>
[GenerateSerializer, Alias("Contact.MachineAction")]
public enum MachineAction
{
    /// <summary>Hang up at once; the attempt ends as Answering Machine.</summary>
    HangUp,
    /// <summary>Wait for the beep and play the campaign's message (the guide's pre-recorded message), then hang up.</summary>
    Message,
    /// <summary>Give the call to an agent as if a person had answered.</summary>
    Agent,
}

/// <summary>What an administrator sets for a campaign.</summary>
/// <param name="TimeZone">The IANA zone of records that name none.</param>
/// <param name="DefaultCountry">ISO country whose national numbers the lists hold (US, GB, ...).</param>
/// <param name="MachineMessage">What an answering machine hears after the beep, when <paramref name="Machine"/> is Message.</param>
/// <param name="AbandonMessage">What a person hears whom no agent could take within 2 s, before the call ends.</param>
/// <param name="AbandonLimit">The most abandoned calls a predictive campaign allows, as a share of answered ones (0.03: the TSR's and Ofcom's 3%).</param>
[GenerateSerializer, Immutable, Alias("Contact.CampaignConfig")]
public sealed record CampaignConfig(
    string Name,
    CampaignMode Mode,
    string ServiceId,
    Disposition[] Dispositions,
    string DefaultDisposition,
    int MaxAttempts,
    int RetryMinutes,
    CallingHours CallingHours,
    int? PreviewSeconds,
    bool AutoAccept,
    string TimeZone,
    string DefaultCountry,
    MachineAction Machine = MachineAction.HangUp,
    string? MachineMessage = null,
    string? AbandonMessage = null,
    double AbandonLimit = 0.03);

[GenerateSerializer, Immutable, Alias("Contact.CampaignView")]
public sealed record CampaignView(string Id, CampaignConfig Config, bool Running, string[] Agents, string[] TimeZones);

/// <summary>What one agent did with the campaign's records.</summary>
[GenerateSerializer, Immutable, Alias("Contact.AgentCampaignCounts")]
public sealed record AgentCampaignCounts(string AgentId, int Completed, int Skips, int Rejects);

/// <summary>
/// What a campaign's own dialing did over the last 30 days (the window the abandon rules measure).
/// </summary>
/// <param name="Answers">Calls a person answered (and machines given to agents).</param>
/// <param name="AbandonRate">Abandons over answers.</param>
/// <param name="Occupancy">The share of its agents' time on the campaign's calls (talk and wrap-up) rather than waiting for one.</param>
/// <param name="MeanWaitSeconds">How long an agent waited, Ready, for its next call.</param>
[GenerateSerializer, Immutable, Alias("Contact.DialingStats")]
public sealed record DialingStats(long Dials, long Answers, long Machines, long Abandons, double AbandonRate, long Connects, double Occupancy,
    double MeanWaitSeconds);

/// <summary>Counts by record state and by disposition, and per agent; the dialing of a progressive or predictive campaign.</summary>
[GenerateSerializer, Immutable, Alias("Contact.CampaignStats")]
public sealed record CampaignStats(
    string CampaignId,
    long Records,
    Dictionary<string, long> States,
    Dictionary<string, long> Dispositions,
    long Attempts,
    AgentCampaignCounts[] Agents,
    DialingStats Dialing);

[GenerateSerializer, Alias("Contact.OfferOutcome")]
public enum OfferOutcome
{
    /// <summary>The agent has it.</summary>
    Delivered,
    /// <summary>The agent could not take it (no longer Ready); the record waits as before.</summary>
    AgentBusy,
    /// <summary>The record was no longer waiting (taken, completed); nothing to put back.</summary>
    Gone,
}

/// <summary>How a call a campaign dialed by itself left the campaign's hands.</summary>
[GenerateSerializer, Alias("Contact.DialOutcome")]
public enum DialOutcome
{
    /// <summary>No call was placed: the record was no longer waiting, had no number to dial now, or Twilio refused.</summary>
    NotPlaced,
    /// <summary>Busy, no answer or failed: nobody to connect.</summary>
    NoAnswer,
    /// <summary>A machine answered and was not given to an agent.</summary>
    Machine,
    /// <summary>An agent took the call.</summary>
    Connected,
    /// <summary>A person answered and no agent was free within 2 s: the call heard the abandon message.</summary>
    Abandoned,
}

/// <summary>The dispositions a campaign's own calls end with when no agent gives one. A campaign's disposition of the same name sets its outcome; else the record is retried.</summary>
public static class SystemDispositions
{
    public const string Busy = "Busy";
    public const string NoAnswer = "No Answer";
    public const string Failed = "Failed";
    public const string Machine = "Answering Machine";
    public const string Abandoned = "Abandoned";
    /// <summary>Every number of the record is on the do not call list: final unless the campaign says otherwise.</summary>
    public const string DoNotCall = "Do Not Call";
}

/// <summary>What a campaign's own call needs to know of its campaign and record.</summary>
/// <param name="AutoAnswer">The agent who gets the call is connected without answering it.</param>
[GenerateSerializer, Immutable, Alias("Contact.CampaignCall")]
public sealed record CampaignCall(string CampaignId, string CampaignName, string RecordId, string ServiceId, string To, string CustomerName,
    bool AutoAnswer, MachineAction Machine, string? MachineMessage, string? AbandonMessage);

/// <summary>What a record needs to know of its campaign when it is offered.</summary>
[GenerateSerializer, Immutable, Alias("Contact.PreviewOffer")]
public sealed record PreviewOffer(string AgentId, string CampaignId, string CampaignName, bool AutoAccept);
