namespace Contact.Orleans.Runtime.Activation;

internal enum ActivationStatus
{
    Created,
    Activating,
    Valid,
    Deactivating,
    Deactivated,
}

/// <summary>What happened to a call offered to an activation.</summary>
internal enum Admission
{
    /// <summary>The activation was idle: the caller owns the turn and runs it on its own thread.</summary>
    RunNow,
    /// <summary>The call waits in the queue for its turn.</summary>
    Queued,
    /// <summary>The activation is going away: look the grain up again.</summary>
    Gone,
}
