using Contact.Orleans.Grains.Interfaces;
using Contact.Orleans.Runtime;

namespace Contact.Orleans.Grains.Campaigns;

public sealed class CallingListImportState
{
    public ImportReport? Report { get; set; }
}

/// <summary>Keeps one import's report: written when the import starts and again when it ends.</summary>
public sealed class CallingListImportGrain([PersistentState("import")] IPersistentState<CallingListImportState> state)
    : Grain, ICallingListImportGrain
{
    public async Task Save(ImportReport report)
    {
        state.State.Report = report;
        await state.WriteStateAsync();
    }

    public Task<ImportReport> Get() => Task.FromResult(state.State.Report ?? throw CampaignErrors.ImportNotFound(GrainId.Key));
}
