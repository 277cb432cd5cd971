namespace Contact.Storage.Campaigns;

/// <summary>What an agent did with a record, counted per agent in the campaign's stats.</summary>
public enum AgentTally
{
    Completed,
    Skipped,
    Rejected,
}

/// <summary>One thing an agent did with a record, counted with the record's change.</summary>
public readonly record struct AgentCount(string AgentId, AgentTally What);
