using System.Globalization;
using System.Text.Json;
using Contact.Orleans.Runtime.Activation;
using Contact.Orleans.Runtime.Storage;

namespace Contact.Orleans.Runtime.State;

internal sealed class PersistentState<TState>(ActivationData activation, string stateName, Lazy<GrainJournal> journal)
    : IPersistentState<TState>, IActivationLoad where TState : new()
{
    private long? version;

    public TState State { get; set; } = new();
    public string? Etag => version?.ToString(CultureInfo.InvariantCulture);
    public bool RecordExists => version is not null;

    private IGrainStorage Storage => activation.Runtime.Storage;

    public Task LoadAsync() => ReadStateAsync();

    public async Task ReadStateAsync()
    {
        var stored = await Storage.ReadStateAsync(activation.Id, stateName).ConfigureAwait(false);
        State = stored is null ? new TState() : JsonSerializer.Deserialize<TState>(stored.Payload, GrainJson.Options)!;
        version = stored?.Version;
    }

    public async Task WriteStateAsync()
    {
        var entries = journal.IsValueCreated ? journal.Value.TakeStaged() : [];
        var payload = JsonSerializer.Serialize(State, GrainJson.Options);
        try
        {
            version = await Storage.WriteStateAsync(new StateWrite(activation.Id, stateName, payload, version, entries))
                .ConfigureAwait(false);
        }
        catch
        {
            // The in-memory state now differs from what is stored; only a fresh activation,
            // reloaded from storage, can be trusted again.
            activation.RequestDeactivation(DeactivationReason.InconsistentState);
            throw;
        }
        if (entries.Count > 0) journal.Value.Committed(entries);
    }

    public async Task ClearStateAsync()
    {
        if (version is not null)
        {
            try
            {
                await Storage.ClearStateAsync(activation.Id, stateName, version.Value).ConfigureAwait(false);
            }
            catch
            {
                activation.RequestDeactivation(DeactivationReason.InconsistentState);
                throw;
            }
        }
        version = null;
        State = new TState();
    }
}
