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

/// <summary>What an administrator sets for a campaign.</summary>
/// <param name="TimeZone">The IANA zone of records that name none.</param>
/// <param name="DefaultCountry">ISO country whose national numbers the lists hold (US, GB, ...).</param>
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
    string DefaultCountry);

[GenerateSerializer, Immutable, Alias("Contact.CampaignView")]
public sealed record CampaignView(string Id, CampaignConfig Config, bool Running, string[] Agents, string[] TimeZones);

/// <summary>What one agent did with the campaign's records.</summary>
[GenerateSerializer, Immutable, Alias("Contact.AgentCampaignCounts")]
public sealed record AgentCampaignCounts(string AgentId, int Completed, int Skips, int Rejects);

/// <summary>Counts by record state and by disposition, and per agent.</summary>
[GenerateSerializer, Immutable, Alias("Contact.CampaignStats")]
public sealed record CampaignStats(
    string CampaignId,
    long Records,
    Dictionary<string, long> States,
    Dictionary<string, long> Dispositions,
    long Attempts,
    AgentCampaignCounts[] Agents);

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

/// <summary>What a record needs to know of its campaign when it is offered.</summary>
[GenerateSerializer, Immutable, Alias("Contact.PreviewOffer")]
public sealed record PreviewOffer(string AgentId, string CampaignId, string CampaignName, bool AutoAccept);
