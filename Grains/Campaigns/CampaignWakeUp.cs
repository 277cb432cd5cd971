using Contact.Grains.Interfaces;
using Microsoft.Extensions.Logging;

namespace Contact.Grains.Campaigns;

/// <summary>
/// When a silo becomes active, every campaign is activated once: a running one then resumes
/// handing out records at once (its activation asks its agents and puts back records that never
/// reached one), instead of at its next keep-alive reminder, up to five minutes later.
/// </summary>
internal sealed class CampaignWakeUp(IGrainFactory grains, ILogger<CampaignWakeUp> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(CampaignWakeUp), ServiceLifecycleStage.Active, Start, _ => Task.CompletedTask);

    // In the background: the silo does not wait for its campaigns to start.
    private Task Start(CancellationToken cancellationToken)
    {
        _ = WakeAllAsync();
        return Task.CompletedTask;
    }

    private async Task WakeAllAsync()
    {
        try
        {
            var campaigns = await grains.GetGrain<IDirectoryGrain>(IDirectoryGrain.Campaigns).List();
            await Task.WhenAll(campaigns.Select(id => grains.GetGrain<ICampaignGrain>(id).GetView()));
        }
        catch (Exception error)
        {
            logger.LogError(error, "Waking the campaigns after the start failed; running ones resume at their next keep-alive reminder");
        }
    }
}
