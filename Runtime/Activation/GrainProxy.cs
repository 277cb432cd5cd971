using System.Reflection;

namespace Contact.Orleans.Runtime.Activation;

/// <summary>
/// A grain reference: implements the grain interface at run time and turns every method call
/// into a call through the runtime. It remembers the activation it last reached.
/// </summary>
public class GrainProxy : DispatchProxy
{
    private GrainRuntime? runtime;

    internal GrainId Id { get; private set; }
    internal ActivationData? Activation { get; set; }

    internal void Bind(GrainRuntime owner, GrainId id)
    {
        runtime = owner;
        Id = id;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) =>
        runtime!.Invoke(this, GrainMethodInvoker.For(targetMethod!), args ?? []);

    public override string ToString() => $"GrainReference({Id})";
}
