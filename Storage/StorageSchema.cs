namespace Contact.Storage;

/// <summary>The storage layer's own tables. Types are chosen so the same DDL reads right on SQLite and PostgreSQL.</summary>
internal static class StorageSchema
{
    // The module keeps the name it had when these tables belonged to the home-made grain runtime,
    // so a database made then is recognised and carried on, not created again.
    private const string Module = "runtime";

    public static readonly StorageMigration[] Migrations =
    [
        new(Module, 1, """
            CREATE TABLE grain_state (
                grain_type TEXT NOT NULL,
                grain_key TEXT NOT NULL,
                state_name TEXT NOT NULL,
                payload TEXT NOT NULL,
                version BIGINT NOT NULL,
                updated_at BIGINT NOT NULL,
                PRIMARY KEY (grain_type, grain_key, state_name));
            CREATE TABLE grain_journal (
                grain_type TEXT NOT NULL,
                grain_key TEXT NOT NULL,
                seq BIGINT NOT NULL,
                kind TEXT NOT NULL,
                at BIGINT NOT NULL,
                payload TEXT NOT NULL,
                PRIMARY KEY (grain_type, grain_key, seq));
            CREATE TABLE reminders (
                grain_type TEXT NOT NULL,
                grain_key TEXT NOT NULL,
                name TEXT NOT NULL,
                due_at BIGINT NOT NULL,
                period_ms BIGINT NOT NULL,
                PRIMARY KEY (grain_type, grain_key, name));
            CREATE INDEX reminders_due ON reminders (due_at);
            """),
        // Reminders are Orleans' now, in the tables of ReminderSchema; the home-made runtime's go.
        new(Module, 2, "DROP TABLE reminders"),
    ];
}
