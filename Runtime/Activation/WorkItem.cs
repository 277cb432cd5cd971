namespace Contact.Orleans.Runtime.Activation;

/// <summary>One turn waiting in an activation's queue: a call, a timer tick, a reminder, a lifecycle step.</summary>
internal abstract class WorkItem
{
    /// <summary>Starts the turn; the returned task completes when the turn is over.</summary>
    public abstract Task Start(ActivationData activation);

    /// <summary>Hands the outcome of the finished turn to whoever waits for it.</summary>
    public virtual void Complete(Task turn)
    {
    }

    /// <summary>The turn will never run (the activation failed or is gone).</summary>
    public virtual void Abandon(Exception reason)
    {
    }

    /// <summary>Runs <paramref name="body"/> with the call chain of a turn of <paramref name="activation"/>.</summary>
    protected static Task RunAs(ActivationData activation, CallChain? caller, Func<Task> body)
    {
        var saved = CallChain.Current;
        CallChain.Current = new CallChain(activation.Id, caller);
        try
        {
            return body();
        }
        catch (Exception e)
        {
            return Task.FromException(e);
        }
        finally
        {
            CallChain.Current = saved;
        }
    }
}
