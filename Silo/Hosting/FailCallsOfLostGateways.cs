namespace Contact.Silo.Hosting;

/// <summary>
/// An API node's grain calls: a call still unanswered <see cref="Grace"/> after a gateway
/// connection closed fails with <see cref="SiloUnavailableException"/> (503 <c>node-unavailable</c>,
/// which a desktop sends again) instead of waiting out the call timeout. The client does not say
/// which gateway carried a call, so every call in flight is given the grace: those sent through
/// the other gateways answer within it (the longest request under load in the failover tests was
/// 0.5 s), and those of the dead one would never answer. The call may have run on the dead silo,
/// so it is not sent again here (see <see cref="RetryRejectedCalls"/>).
/// </summary>
internal sealed class FailCallsOfLostGateways(GatewayLoss gatewayLoss, TimeProvider time) : IOutgoingGrainCallFilter
{
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(3);

    public async Task Invoke(IOutgoingGrainCallContext context)
    {
        var lost = gatewayLoss.Next;
        var call = context.Invoke();
        if (await Task.WhenAny(call, lost) == lost && await Task.WhenAny(call, Task.Delay(Grace, time)) != call)
        {
            // The call's own end is still observed, so that a late failure is not an unobserved one.
            _ = call.ContinueWith(static ended => _ = ended.Exception, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously);
            throw new SiloUnavailableException(
                $"A gateway of the cluster went away while this call to {context.TargetId} was in flight, and no answer came within {Grace.TotalSeconds:0} s.");
        }
        await call;
    }
}
