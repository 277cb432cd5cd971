namespace Contact.Orleans.Runtime;

public enum DeactivationReason
{
    IdleTimeout,
    ApplicationRequested,
    InconsistentState,
    ShuttingDown,
}
