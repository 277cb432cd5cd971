using Microsoft.Extensions.Hosting;

namespace Contact.Storage;

/// <summary>
/// On a node without a silo, what <see cref="StorageLifecycle"/> does in a silo: opens (and
/// migrates) the database when the host starts and flushes and closes it when the host stops.
/// </summary>
internal sealed class DatabaseHostedLifecycle(GrainDatabase database) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => database.InitializeAsync(cancellationToken);

    public async Task StopAsync(CancellationToken cancellationToken) => await database.DisposeAsync();
}
