namespace Contact.Silo.Hosting;

/// <summary>
/// On an API node, tells the calls in flight that a gateway connection closed. Orleans' client
/// does not fail the calls it had sent through a gateway whose silo died: their answers never
/// come, and each waited the whole call timeout (30 s). <see cref="FailCallsOfLostGateways"/>
/// waits on <see cref="Next"/>.
/// </summary>
internal sealed class GatewayLoss : IClusterConnectionStatusObserver
{
    private TaskCompletionSource next = NewSignal();

    /// <summary>Completes when the next gateway connection closes, or the last one does.</summary>
    public Task Next => Volatile.Read(ref next).Task;

    public void NotifyGatewayCountChanged(int currentNumberOfGateways, int previousNumberOfGateways, bool connectionRecovered)
    {
        if (currentNumberOfGateways < previousNumberOfGateways) Signal();
    }

    public void NotifyClusterConnectionLost() => Signal();

    private void Signal() => Interlocked.Exchange(ref next, NewSignal()).TrySetResult();

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
