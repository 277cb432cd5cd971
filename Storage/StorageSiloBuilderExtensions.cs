using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Runtime.Hosting;

namespace Contact.Storage;

public static class StorageSiloBuilderExtensions
{
    /// <summary>
    /// The database behind the grains on <paramref name="dialect"/>: the grain storage provider
    /// named <see cref="ContactGrainStorage.Name"/>, grain journals, and the rest of
    /// <see cref="AddContactDatabase"/>; the database opens with the silo and closes after it.
    /// </summary>
    public static ISiloBuilder AddContactStorage(this ISiloBuilder silo, SqlDialect dialect)
    {
        var services = silo.Services;
        services.AddContactDatabase(dialect);
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, StorageLifecycle>();
        services.AddSingleton<IAttributeToFactoryMapper<JournalAttribute>, JournalAttributeMapper>();
        services.AddGrainStorage(ContactGrainStorage.Name, (sp, _) => ActivatorUtilities.CreateInstance<ContactGrainStorage>(sp));
        return silo;
    }

    /// <summary>
    /// The database for a node that holds no grains (an API node): the same tables, stores and
    /// live feed as a silo's, opened (and migrated) when the host starts, before the services
    /// registered after this call, and closed when it stops.
    /// </summary>
    public static IServiceCollection AddContactDatabaseWithoutSilo(this IServiceCollection services, SqlDialect dialect)
    {
        services.AddContactDatabase(dialect);
        services.AddHostedService<DatabaseHostedLifecycle>();
        return services;
    }

    /// <summary>
    /// What every node has: the database on <paramref name="dialect"/>, the live feed of journal
    /// entries (on PostgreSQL fed by the other nodes' notices too), and the schema migrations
    /// registered with <see cref="AddStorageMigrations"/>.
    /// </summary>
    private static IServiceCollection AddContactDatabase(this IServiceCollection services, SqlDialect dialect)
    {
        services.AddSingleton(dialect);
        services.AddSingleton<GrainDatabase>();
        services.AddSingleton<JournalFeed>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddStorageMigrations(ReminderSchema.Migrations);
        // Several nodes may share a PostgreSQL database: each hears the journals the others write.
        if (dialect is PostgresDialect postgres)
        {
            services.AddHostedService(sp => ActivatorUtilities.CreateInstance<PostgresJournalListener>(sp, postgres));
        }
        return services;
    }

    /// <summary>Reminders in the SQLite file, through <see cref="SqliteReminderTable"/>.</summary>
    public static ISiloBuilder UseSqliteReminderTable(this ISiloBuilder silo)
    {
        silo.AddReminders();
        silo.Services.AddSingleton<IReminderTable, SqliteReminderTable>();
        return silo;
    }

    /// <summary>The tables and queries of Orleans' ADO.NET clustering, created with the rest of the schema (PostgreSQL only).</summary>
    public static IServiceCollection AddMembershipTables(this IServiceCollection services) => services.AddStorageMigrations(MembershipSchema.Migrations);

    /// <summary>Schema steps of other modules (the grains' own tables and views), applied at start with the storage's own.</summary>
    public static IServiceCollection AddStorageMigrations(this IServiceCollection services, params StorageMigration[] migrations)
    {
        foreach (var migration in migrations) services.AddSingleton(migration);
        return services;
    }
}
