namespace Contact.Orleans.Grains.Campaigns;

/// <summary>What an agent did with a record, counted per agent in the campaign's stats.</summary>
public enum AgentTally
{
    Completed,
    Skipped,
    Rejected,
}
