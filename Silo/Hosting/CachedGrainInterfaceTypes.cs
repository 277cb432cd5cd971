using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Metadata;
using Orleans.Serialization.TypeSystem;

namespace Contact.Silo.Hosting;

/// <summary>
/// Remembers which grain interface type each interface is. Orleans 10.4.2 works it out again on
/// every GetGrain call, reading the interface's attributes by reflection: about 2 µs and 1.3 KB
/// of garbage per call, and every request and many grain turns make one or more (measured; docs/architecture.md,
/// "Why each choice"). The answer is Orleans' own, worked out once per interface; generic interfaces are
/// left to Orleans.
/// </summary>
internal sealed class CachedGrainInterfaceTypes(IServiceProvider services) : IGrainInterfaceTypeProvider
{
    private readonly ConcurrentDictionary<Type, GrainInterfaceType> known = new();
    private GrainInterfaceTypeResolver? orleans;

    public bool TryGetGrainInterfaceType(Type type, out GrainInterfaceType grainInterfaceType)
    {
        if (type.IsGenericType)
        {
            grainInterfaceType = default;
            return false;
        }
        grainInterfaceType = known.GetOrAdd(type, static (t, self) => self.Orleans.GetGrainInterfaceType(t), this);
        return true;
    }

    private GrainInterfaceTypeResolver Orleans => orleans ??=
        new GrainInterfaceTypeResolver([new AttributeGrainInterfaceTypeProvider(services)], services.GetRequiredService<TypeConverter>());

    /// <summary>Puts the cache before Orleans' own provider, which answers every call otherwise.</summary>
    public static void AddFirst(IServiceCollection services) =>
        services.Insert(0, ServiceDescriptor.Singleton<IGrainInterfaceTypeProvider, CachedGrainInterfaceTypes>());
}
