using System.Globalization;
using System.Text.Json;
using Orleans.Storage;

namespace Contact.Storage;

/// <summary>
/// The grains' storage provider (named <see cref="Name"/> in <c>[PersistentState]</c>): state as JSON
/// in rows keyed by grain type, key and state name, with a version checked on every write. A
/// write carries the journal entries its grain staged since the last one into the same
/// transaction (its grain is an <see cref="IJournaledGrain"/>), and a read brings the journal's
/// head along. A stale version is Orleans' <see cref="InconsistentStateException"/>; any failed
/// write drops the activation, because what it holds in memory is no longer what is stored.
/// </summary>
public sealed class ContactGrainStorage(GrainDatabase database, IGrainContextAccessor contexts) : IGrainStorage
{
    public const string Name = "contact";

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var journal = JournalOf(ContextOf(grainId));
        var (stored, journalHead) = await database.ReadStateAsync(GrainKey.Of(grainId), stateName, withJournalHead: journal is not null);
        grainState.State = stored is null ? Activator.CreateInstance<T>() : JsonSerializer.Deserialize<T>(stored.Payload, GrainJson.Options)!;
        grainState.ETag = stored?.Version.ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = stored is not null;
        journal?.Loaded(journalHead);
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var context = ContextOf(grainId);
        var journal = JournalOf(context);
        var entries = journal?.TakeStaged() ?? [];
        var payload = JsonSerializer.Serialize(grainState.State, GrainJson.Options);
        long version;
        try
        {
            version = await database.WriteStateAsync(new StateWrite(GrainKey.Of(grainId), stateName, payload, VersionOf(grainState.ETag), entries));
        }
        catch (Exception error)
        {
            context?.Deactivate(new DeactivationReason(DeactivationReasonCode.ApplicationError, $"Writing state '{stateName}' failed: {error.Message}"));
            throw;
        }
        grainState.ETag = version.ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
        journal?.Committed(entries);
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (VersionOf(grainState.ETag) is { } version) await database.ClearStateAsync(GrainKey.Of(grainId), stateName, version);
        grainState.State = Activator.CreateInstance<T>();
        grainState.ETag = null;
        grainState.RecordExists = false;
    }

    // The bridge calls in the grain's own turn, so the current context is the grain's.
    private IGrainContext? ContextOf(GrainId grainId) => contexts.GrainContext is { } current && current.GrainId == grainId ? current : null;

    private static GrainJournal? JournalOf(IGrainContext? context) => (context?.GrainInstance as IJournaledGrain)?.Journal as GrainJournal;

    private static long? VersionOf(string? etag) => etag is null ? null : long.Parse(etag, CultureInfo.InvariantCulture);
}
