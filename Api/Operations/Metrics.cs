using Contact.Silo.Hosting;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace Contact.Api.Operations;

/// <summary>
/// Metrics through OpenTelemetry, served at <c>/metrics</c> in Prometheus' text format: Orleans'
/// own meters (grain calls, activations, messaging, membership, reminders), ASP.NET Core's
/// requests, and the .NET runtime (garbage collection, thread pool). Prometheus scrapes each node
/// directly; the public balancer does not pass the path on (docker/nginx.conf.template).
/// </summary>
public static class Metrics
{
    public const string Path = "/metrics";

    // Orleans 10.4 names its meter "Orleans" in some assemblies and "Microsoft.Orleans" in newer ones.
    private static readonly string[] orleansMeters = ["Orleans", "Microsoft.Orleans"];

    // Requests (http.server.*) and connections (kestrel.*). ASP.NET Core's other meters (routing,
    // authentication, authorization, memory pool) measure every request again in finer parts.
    private static readonly string[] aspNetCoreMeters = ["Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel"];

    public static IServiceCollection AddContactMetrics(this IServiceCollection services, IConfiguration configuration)
    {
        var node = configuration[ContactNodeExtensions.Setting] ?? "Silo";
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("contact-orleans", serviceInstanceId: $"{node}@{Environment.MachineName}:{Environment.ProcessId}"))
            .WithMetrics(metrics => metrics
                .AddMeter(orleansMeters)
                // Counted on every grain call; the directory's size and registrations say what they would.
                .AddView("orleans-directory-lookups-*", MetricStreamConfiguration.Drop)
                .AddMeter(aspNetCoreMeters)
                .AddRuntimeInstrumentation()
                .AddPrometheusExporter());
        return services;
    }

    public static IEndpointRouteBuilder MapContactMetrics(this IEndpointRouteBuilder routes)
    {
        routes.MapPrometheusScrapingEndpoint(Path).AllowAnonymous().ExcludeFromDescription();
        return routes;
    }
}
