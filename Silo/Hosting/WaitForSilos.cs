using Microsoft.Extensions.Logging;

namespace Contact.Silo.Hosting;

/// <summary>
/// An API node may start before any silo, or find every gateway gone for a while (a rolling
/// restart of a small cluster): it keeps trying to connect, and says so, instead of failing its
/// start.
/// </summary>
internal sealed class WaitForSilos(ILogger<WaitForSilos> logger) : IClientConnectionRetryFilter
{
    private static readonly TimeSpan retryDelay = TimeSpan.FromSeconds(2);

    public async Task<bool> ShouldRetryConnectionAttempt(Exception exception, CancellationToken cancellationToken)
    {
        logger.LogWarning("No silo of the cluster answers yet ({Reason}); trying again in {Delay}", exception.Message, retryDelay);
        await Task.Delay(retryDelay, cancellationToken);
        return true;
    }
}
