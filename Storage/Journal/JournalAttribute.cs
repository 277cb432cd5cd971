using System.Reflection;
using Microsoft.Extensions.DependencyInjection;

namespace Contact.Storage;

/// <summary>
/// Marks the grain constructor parameter that receives the grain's <see cref="IGrainJournal"/>;
/// the grain also implements <see cref="IJournaledGrain"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class JournalAttribute : Attribute, IFacetMetadata;

/// <summary>Orleans' facet hook: builds one journal per activation, as it builds <c>[PersistentState]</c>.</summary>
internal sealed class JournalAttributeMapper(IServiceProvider services) : IAttributeToFactoryMapper<JournalAttribute>
{
    public Factory<IGrainContext, object> GetFactory(ParameterInfo parameter, JournalAttribute metadata)
    {
        var shared = new JournalServices(services.GetRequiredService<GrainDatabase>(), services.GetRequiredService<JournalFeed>(),
            services.GetRequiredService<TimeProvider>());
        return context => new GrainJournal(context, shared);
    }
}
