namespace Contact.Orleans.Grains.Interfaces;

public enum AgentState
{
    LoggedOut,
    NotReady,
    Ready,
    Busy,
    AfterCallWork,
}
