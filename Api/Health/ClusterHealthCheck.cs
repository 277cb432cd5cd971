using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Contact.Api.Health;

/// <summary>
/// Ready means this node has its place in the cluster: a silo is an active member (not yet
/// joining, not shutting down, not declared dead), and an API node reaches the cluster through a
/// gateway and sees at least one active silo. A load balancer that probes this sends no request
/// to a node that could only answer it with an error.
/// </summary>
internal sealed class ClusterHealthCheck(IServiceProvider services) : IHealthCheck
{
    private static readonly TimeSpan gatewayPatience = TimeSpan.FromSeconds(2);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        // Only a silo has local silo details; an API node is a client and has none.
        if (services.GetService<ILocalSiloDetails>() is { } silo)
        {
            var status = services.GetRequiredService<IClusterMembershipService>().CurrentSnapshot.GetSiloStatus(silo.SiloAddress);
            return status == SiloStatus.Active
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy($"This silo is {status} in the cluster, not Active.");
        }
        try
        {
            var hosts = await services.GetRequiredService<IClusterClient>().GetGrain<IManagementGrain>(0)
                .GetHosts(onlyActive: true).WaitAsync(gatewayPatience, cancellationToken);
            return hosts.Count > 0
                ? HealthCheckResult.Healthy($"{hosts.Count} active silos.")
                : HealthCheckResult.Unhealthy("The cluster has no active silo.");
        }
        catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("No gateway of the cluster answers.", error);
        }
    }
}
