namespace Contact.Orleans.Runtime.Activation;

/// <summary>A grain-interface call that could not run at once and waits for its turn.</summary>
internal abstract class QueuedCall : WorkItem
{
    public abstract Task Result { get; }
}

internal sealed class QueuedCall<TResult>(GrainMethodInvoker invoker, object?[] args, CallChain? chain) : QueuedCall
{
    // Continuations run asynchronously so that completing a caller never runs caller code
    // inside the activation's turn loop.
    private readonly TaskCompletionSource<TResult> completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override Task Result => completion.Task;

    public override Task Start(ActivationData activation) =>
        RunAs(activation, chain, () => invoker.Call(activation.Instance!, args));

    public override void Complete(Task turn)
    {
        if (turn.IsFaulted) completion.TrySetException(turn.Exception!.InnerExceptions);
        else if (turn.IsCanceled) completion.TrySetCanceled();
        else completion.TrySetResult(turn is Task<TResult> typed ? typed.Result : default!);
    }

    public override void Abandon(Exception reason) => completion.TrySetException(reason);
}
