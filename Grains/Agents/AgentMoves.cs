using Contact.Grains.Interfaces;

namespace Contact.Grains.Agents;

/// <summary>The moves an agent may ask for in each state, as told in a 409 answer.</summary>
public static class AgentMoves
{
    public static string[] AllowedFrom(AgentState state) => state switch
    {
        AgentState.LoggedOut => ["StartSession"],
        AgentState.NotReady => ["Ready", "NotReady", "EndSession"],
        AgentState.Ready => ["NotReady", "EndSession"],
        AgentState.Busy => ["Ready", "NotReady"],
        AgentState.AfterCallWork => ["Ready", "NotReady", "EndSession"],
        _ => [],
    };
}
