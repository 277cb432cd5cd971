namespace Contact.Grains.Agents;

public sealed class AgentOptions
{
    /// <summary>The Not Ready reasons an agent may pick (Contact:Agents:NotReadyReasons).</summary>
    public IReadOnlyList<string> NotReadyReasons { get; set; } = ["Break", "Lunch", "Meeting", "Training", "Personal"];
}
