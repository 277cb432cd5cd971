using Contact.Grains.Interfaces;
using Contact.Storage;
using Contact.Tests.Support;

namespace Contact.Tests.TestGrains;

public sealed class ValueRecord
{
    public string Value { get; set; } = "";
    public int Writes { get; set; }
}

[Alias("Contact.Tests.IValueGrain")]
public interface IValueGrain : IGrainWithStringKey
{
    /// <summary>Writes the value and journals it, in one transaction.</summary>
    [Alias("Set")]
    Task Set(string value);

    [Alias("Get")]
    Task<string> Get();

    [Alias("Etag")]
    Task<string?> Etag();

    [Alias("Journal")]
    Task<JournalEntry[]> Journal();

    /// <summary>Keeps the value in memory; it is written when the grain deactivates.</summary>
    [Alias("SetOnDeactivate")]
    Task SetOnDeactivate(string value);

    [Alias("Clear")]
    Task Clear();
}

/// <summary>A grain with state and a journal in the product's storage, that reports its lifecycle.</summary>
[GrainType("test-value")]
public sealed class ValueGrain(
    [PersistentState("value", ContactGrainStorage.Name)] IPersistentState<ValueRecord> state,
    [Journal] IGrainJournal journal,
    TestLog log) : Grain, IValueGrain, IJournaledGrain
{
    IGrainJournal IJournaledGrain.Journal => journal;

    private string? unsaved;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        log.Add($"activate {this.GetPrimaryKeyString()} value={state.State.Value}");
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        log.Add($"deactivate {this.GetPrimaryKeyString()}");
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
    public Task<JournalEntry[]> Journal() => journal.ReadAsync(0, 100);

    public Task SetOnDeactivate(string value)
    {
        unsaved = value;
        return Task.CompletedTask;
    }

    public Task Clear() => state.ClearStateAsync();
}

[Alias("Contact.Tests.ISameNameGrain")]
public interface ISameNameGrain : IGrainWithStringKey
{
    [Alias("Set")]
    Task Set(string value);

    [Alias("Get")]
    Task<string> Get();
}

/// <summary>Another grain type whose state has the same name as <see cref="ValueGrain"/>'s.</summary>
[GrainType("test-same-name")]
public sealed class SameNameGrain([PersistentState("value", ContactGrainStorage.Name)] IPersistentState<ValueRecord> state) : Grain, ISameNameGrain
{
    public async Task Set(string value)
    {
        state.State.Value = value;
        await state.WriteStateAsync();
    }

    public Task<string> Get() => Task.FromResult(state.State.Value);
}
