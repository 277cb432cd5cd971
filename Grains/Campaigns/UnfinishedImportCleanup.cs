using Contact.Storage.Campaigns;
using Microsoft.Extensions.Logging;

namespace Contact.Grains.Campaigns;

/// <summary>
/// When a silo becomes active, deletes the hidden rows of imports that a process killed in the
/// middle of a load left behind (their reports already read as failed). In the background: the
/// rows are invisible meanwhile, and imports this process starts are never touched.
/// </summary>
internal sealed class UnfinishedImportCleanup(CallingRecordStore records, ILogger<UnfinishedImportCleanup> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(UnfinishedImportCleanup), ServiceLifecycleStage.Active, Start, _ => Task.CompletedTask);

    private Task Start(CancellationToken cancellationToken)
    {
        _ = CleanAsync();
        return Task.CompletedTask;
    }

    private async Task CleanAsync()
    {
        try
        {
            var discarded = await records.DiscardUnfinishedLoadsAsync();
            if (discarded > 0) logger.LogWarning("Deleted the loaded rows of {Count} imports that a stopped process left unfinished", discarded);
        }
        catch (Exception error)
        {
            logger.LogError(error, "Deleting the rows of unfinished imports failed; they stay hidden and are deleted at the next start");
        }
    }
}
