using Contact.Orleans.Runtime.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Contact.Orleans.Api.Health;

/// <summary>Ready means the database answers a round trip.</summary>
internal sealed class DatabaseHealthCheck(IGrainStorage storage) : IHealthCheck
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
