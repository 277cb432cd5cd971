using Contact.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Contact.Api.Health;

/// <summary>Ready means the database answers a round trip.</summary>
internal sealed class DatabaseHealthCheck(GrainDatabase storage) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await storage.PingAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception error)
        {
            return HealthCheckResult.Unhealthy("The database does not answer.", error);
        }
    }
}
