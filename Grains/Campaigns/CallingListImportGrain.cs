using Contact.Grains.Interfaces;
using Contact.Storage;

namespace Contact.Grains.Campaigns;

public sealed class CallingListImportState
{
    public ImportReport? Report { get; set; }
}

/// <summary>
/// Keeps one import's report: written when the import starts, every few seconds while it runs,
/// and when it ends. A running import whose process died says nothing more: once it has been
/// silent for <see cref="SilenceThatMeansGone"/>, it is failed (its load never committed).
/// </summary>
[GrainType("calling-list-import")]
public sealed class CallingListImportGrain([PersistentState("import", ContactGrainStorage.Name)] IPersistentState<CallingListImportState> state, TimeProvider time)
    : Grain, ICallingListImportGrain
{
    public static readonly TimeSpan SilenceThatMeansGone = TimeSpan.FromMinutes(1);

    public async Task Save(ImportReport report)
    {
        state.State.Report = report;
        await state.WriteStateAsync();
    }

    public async Task<ImportReport> Get()
    {
        var report = state.State.Report ?? throw CampaignErrors.ImportNotFound(this.GetPrimaryKeyString());
        var now = time.GetUtcNow();
        if (report.Status == ImportStatus.Running && (report.AliveAt ?? report.StartedAt) + SilenceThatMeansGone < now)
        {
            report = report with
            {
                Status = ImportStatus.Failed,
                Accepted = 0,
                Failure = "the import stopped before it finished (the server ended or lost it); nothing was loaded",
                FinishedAt = now,
            };
            await Save(report);
        }
        return report;
    }
}
