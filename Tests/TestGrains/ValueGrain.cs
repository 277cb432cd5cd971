using Contact.Orleans.Runtime;
using Contact.Orleans.Tests.Support;

namespace Contact.Orleans.Tests.TestGrains;

public sealed class ValueRecord
{
    public string Value { get; set; } = "";
    public int Writes { get; set; }
}

public interface IValueGrain : IGrainWithStringKey
{
    /// <summary>Writes the value and journals it, in one transaction.</summary>
    Task Set(string value);
    Task<string> Get();
    Task<string?> Etag();
    /// <summary>Keeps the value in memory; it is written when the grain deactivates.</summary>
    Task SetOnDeactivate(string value);
    Task Clear();
    Task Deactivate();
}

public sealed class ValueGrain([PersistentState("value")] IPersistentState<ValueRecord> state, IGrainJournal journal, TestLog log)
    : Grain, IValueGrain
{
    private string? unsaved;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        log.Add($"activate {GrainId.Key} value={state.State.Value}");
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        log.Add($"deactivate {GrainId.Key} {reason}");
        if (unsaved is not null)
        {
            state.State.Value = unsaved;
            await state.WriteStateAsync();
        }
    }

    public async Task Set(string value)
    {
        state.State.Value = value;
        state.State.Writes++;
        journal.Append("value.set", new { value });
        await state.WriteStateAsync();
    }

    public Task<string> Get() => Task.FromResult(state.State.Value);
    public Task<string?> Etag() => Task.FromResult(state.Etag);

    public Task SetOnDeactivate(string value)
    {
        unsaved = value;
        return Task.CompletedTask;
    }

    public Task Clear() => state.ClearStateAsync();

    public Task Deactivate()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }
}
