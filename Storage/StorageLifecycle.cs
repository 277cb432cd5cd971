namespace Contact.Storage;

/// <summary>
/// Opens the database when the silo starts, before reminders or grains need it (the schema is
/// created or migrated then), and closes it last when the silo stops, after every grain has
/// deactivated, so that every acknowledged write is flushed.
/// </summary>
internal sealed class StorageLifecycle(GrainDatabase database) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(StorageLifecycle), ServiceLifecycleStage.RuntimeStorageServices,
            database.InitializeAsync, async _ => await database.DisposeAsync());
}
