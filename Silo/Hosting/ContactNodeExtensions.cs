using Microsoft.Extensions.Hosting;

namespace Contact.Silo.Hosting;

/// <summary>Which kind of node the API's process is (<c>Contact:Node</c>).</summary>
public static class ContactNodeExtensions
{
    public const string Setting = "Contact:Node";

    /// <summary>
    /// <c>Silo</c> (the default): the API hosts a silo, as the only node or as one of a cluster.
    /// <c>Api</c>: the API is an Orleans client of the cluster and holds no grains.
    /// </summary>
    public static IHostApplicationBuilder AddContactNode(this IHostApplicationBuilder builder)
    {
        var kind = builder.Configuration[Setting] ?? "Silo";
        if (kind.Equals("Silo", StringComparison.OrdinalIgnoreCase)) return builder.AddContactSilo();
        if (kind.Equals("Api", StringComparison.OrdinalIgnoreCase)) return builder.AddContactClient();
        throw new InvalidOperationException($"{Setting} must be Silo (the API with a silo of its own) or Api (an API node, a client of the cluster), not '{kind}'.");
    }
}
