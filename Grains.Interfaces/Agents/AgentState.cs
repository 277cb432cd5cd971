namespace Contact.Grains.Interfaces;

[GenerateSerializer, Alias("Contact.AgentState")]
public enum AgentState
{
    LoggedOut,
    NotReady,
    Ready,
    Busy,
    AfterCallWork,
}
