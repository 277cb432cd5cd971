namespace Contact.Orleans.Runtime.Activation;

/// <summary>A grain class bound to its interface and to the type name stored with its data.</summary>
public sealed record GrainRegistration(string TypeName, Type Interface, Type Implementation);

/// <summary>Which grain class serves which interface, and under which stable type name.</summary>
internal sealed class GrainRegistry
{
    private readonly Dictionary<Type, GrainRegistration> byInterface = [];
    private readonly Dictionary<string, GrainRegistration> byName = [];

    public GrainRegistry(IEnumerable<GrainRegistration> registrations)
    {
        foreach (var registration in registrations)
        {
            Validate(registration);
            byInterface.Add(registration.Interface, registration);
            byName.Add(registration.TypeName, registration);
        }
    }

    public string TypeNameOf(Type grainInterface) =>
        byInterface.TryGetValue(grainInterface, out var registration)
            ? registration.TypeName
            : throw new InvalidOperationException($"No grain class is registered for {grainInterface.Name}.");

    public Type ImplementationOf(string typeName) =>
        byName.TryGetValue(typeName, out var registration)
            ? registration.Implementation
            : throw new InvalidOperationException($"No grain type is registered as '{typeName}'.");

    private static void Validate(GrainRegistration registration)
    {
        if (!registration.Interface.IsAssignableFrom(registration.Implementation) ||
            !typeof(Grain).IsAssignableFrom(registration.Implementation))
        {
            throw new ArgumentException($"{registration.Implementation.Name} must derive from Grain and implement {registration.Interface.Name}.");
        }
        var methods = registration.Interface.GetMethods()
            .Concat(registration.Interface.GetInterfaces().SelectMany(i => i.GetMethods()));
        foreach (var method in methods) GrainMethodInvoker.For(method);
    }
}
