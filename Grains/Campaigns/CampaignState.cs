using Contact.Grains.Interfaces;

namespace Contact.Grains.Campaigns;

/// <summary>The campaign grain's stored state.</summary>
public sealed class CampaignState
{
    public bool Configured { get; set; }
    public CampaignConfig? Config { get; set; }
    public bool Running { get; set; }
    public SortedSet<string> Agents { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The time zones its records are in: the campaign looks for due records zone by zone.</summary>
    public SortedSet<string> TimeZones { get; set; } = new(StringComparer.Ordinal);

    /// <summary>What its own dialing did, by UTC day ("yyyy-MM-dd"), for the last 30 days.</summary>
    public Dictionary<string, DialingDay> Dialing { get; set; } = [];
}
