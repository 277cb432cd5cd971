using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Reflection;

namespace Contact.Orleans.Runtime.Activation;

/// <summary>
/// Calls one grain-interface method on a grain instance through a compiled delegate, and knows
/// the method's result type, so queued calls and timeouts keep the caller's Task&lt;T&gt; type.
/// </summary>
internal abstract class GrainMethodInvoker
{
    private static readonly ConcurrentDictionary<MethodInfo, GrainMethodInvoker> cache = new();

    protected GrainMethodInvoker(Func<object, object?[], Task> call) => Call = call;

    public Func<object, object?[], Task> Call { get; }

    public bool IsOneWay { get; private init; }

    public static GrainMethodInvoker For(MethodInfo method) => cache.GetOrAdd(method, Create);

    /// <summary>The grain's own task, bounded by the call timeout when it did not finish at once.</summary>
    public abstract Task WithTimeout(Task turn, TimeSpan timeout, TimeProvider time);

    /// <summary>A call that waits in the activation's queue for its turn.</summary>
    public abstract QueuedCall Queue(object?[] args, CallChain? chain);

    /// <summary>A task that fails with the exception, of the method's return type.</summary>
    public abstract Task Failed(Exception exception);

    private static GrainMethodInvoker Create(MethodInfo method)
    {
        var grain = Expression.Parameter(typeof(object), "grain");
        var args = Expression.Parameter(typeof(object?[]), "args");
        var parameters = method.GetParameters()
            .Select((p, i) => Expression.Convert(Expression.ArrayIndex(args, Expression.Constant(i)), p.ParameterType));
        var body = Expression.Call(Expression.Convert(grain, method.DeclaringType!), method, parameters);
        var call = Expression.Lambda<Func<object, object?[], Task>>(body, grain, args).Compile();

        var returnType = method.ReturnType;
        var oneWay = method.IsDefined(typeof(OneWayAttribute), false);
        if (returnType == typeof(Task)) return new VoidGrainMethodInvoker(call) { IsOneWay = oneWay };
        if (oneWay) throw new NotSupportedException($"One-way grain method {method.DeclaringType?.Name}.{method.Name} must return Task.");
        if (returnType.IsGenericType && returnType.GetGenericTypeDefinition() == typeof(Task<>))
        {
            var invokerType = typeof(GrainMethodInvoker<>).MakeGenericType(returnType.GetGenericArguments()[0]);
            return (GrainMethodInvoker)Activator.CreateInstance(invokerType, call)!;
        }
        throw new NotSupportedException(
            $"Grain method {method.DeclaringType?.Name}.{method.Name} must return Task or Task<T>.");
    }
}

internal sealed class VoidGrainMethodInvoker(Func<object, object?[], Task> call) : GrainMethodInvoker(call)
{
    public override Task WithTimeout(Task turn, TimeSpan timeout, TimeProvider time) => turn.WaitAsync(timeout, time);

    public override QueuedCall Queue(object?[] args, CallChain? chain) => new QueuedCall<object?>(this, args, chain);

    public override Task Failed(Exception exception) => Task.FromException(exception);
}

internal sealed class GrainMethodInvoker<TResult>(Func<object, object?[], Task> call) : GrainMethodInvoker(call)
{
    public override Task WithTimeout(Task turn, TimeSpan timeout, TimeProvider time) =>
        ((Task<TResult>)turn).WaitAsync(timeout, time);

    public override QueuedCall Queue(object?[] args, CallChain? chain) => new QueuedCall<TResult>(this, args, chain);

    public override Task Failed(Exception exception) => Task.FromException<TResult>(exception);
}
