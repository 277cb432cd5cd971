using System.Collections.Concurrent;
using System.Reflection;
using Contact.Orleans.Runtime.State;
using Microsoft.Extensions.DependencyInjection;

namespace Contact.Orleans.Runtime.Activation;

/// <summary>
/// Builds grain instances the way Orleans does: constructor parameters marked
/// [PersistentState] get a state bound to this grain, IGrainJournal gets the grain's journal,
/// everything else comes from the service provider.
/// </summary>
internal sealed class GrainActivator(IServiceProvider services, GrainRegistry registry)
{
    private readonly ConcurrentDictionary<string, Func<ActivationData, Grain>> factories = new();

    public Grain Create(ActivationData activation)
    {
        var grain = factories.GetOrAdd(activation.Id.Type, BuildFactory)(activation);
        grain.Activation = activation;
        return grain;
    }

    private Func<ActivationData, Grain> BuildFactory(string typeName)
    {
        var type = registry.ImplementationOf(typeName);
        var constructor = type.GetConstructors().Single();
        var makers = constructor.GetParameters().Select(ParameterMaker).ToArray();
        return activation =>
        {
            var journal = new Lazy<GrainJournal>(() => CreateJournal(activation));
            var args = makers.Select(make => make(activation, journal)).ToArray();
            return (Grain)constructor.Invoke(args);
        };
    }

    private Func<ActivationData, Lazy<GrainJournal>, object> ParameterMaker(ParameterInfo parameter)
    {
        var type = parameter.ParameterType;
        if (type == typeof(IGrainJournal)) return (_, journal) => journal.Value;

        var stateAttribute = parameter.GetCustomAttribute<PersistentStateAttribute>();
        if (stateAttribute is not null)
        {
            if (!type.IsGenericType || type.GetGenericTypeDefinition() != typeof(IPersistentState<>))
            {
                throw new InvalidOperationException($"[PersistentState] parameter {parameter.Name} must be IPersistentState<T>.");
            }
            var stateType = typeof(PersistentState<>).MakeGenericType(type.GetGenericArguments()[0]);
            return (activation, journal) =>
            {
                var state = Activator.CreateInstance(stateType, activation, stateAttribute.StateName, journal)!;
                activation.Loads.Add((IActivationLoad)state);
                return state;
            };
        }
        return (_, _) => services.GetRequiredService(type);
    }

    private static GrainJournal CreateJournal(ActivationData activation)
    {
        var journal = new GrainJournal(activation);
        activation.Loads.Add(journal);
        return journal;
    }
}
