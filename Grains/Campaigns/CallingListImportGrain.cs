using Contact.Grains.Interfaces;
using Contact.Storage;

namespace Contact.Grains.Campaigns;

public sealed class CallingListImportState
{
    public ImportReport? Report { get; set; }
}

/// <summary>Keeps one import's report: written when the import starts and again when it ends.</summary>
[GrainType("calling-list-import")]
public sealed class CallingListImportGrain([PersistentState("import", ContactGrainStorage.Name)] IPersistentState<CallingListImportState> state)
    : Grain, ICallingListImportGrain
{
    public async Task Save(ImportReport report)
    {
        state.State.Report = report;
        await state.WriteStateAsync();
    }

    public Task<ImportReport> Get() => Task.FromResult(state.State.Report ?? throw CampaignErrors.ImportNotFound(this.GetPrimaryKeyString()));
}
