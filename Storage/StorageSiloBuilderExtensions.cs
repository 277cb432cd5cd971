using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Runtime.Hosting;

namespace Contact.Storage;

public static class StorageSiloBuilderExtensions
{
    /// <summary>
    /// The database behind the grains on <paramref name="dialect"/>: the grain storage provider
    /// named <see cref="ContactGrainStorage.Name"/>, grain journals and their live feed (on PostgreSQL
    /// fed by the other nodes' notices too), and the schema migrations registered with <see cref="AddStorageMigrations"/>.
    /// </summary>
    public static ISiloBuilder AddContactStorage(this ISiloBuilder silo, SqlDialect dialect)
    {
        var services = silo.Services;
        services.AddSingleton(dialect);
        services.AddSingleton<GrainDatabase>();
        services.AddSingleton<JournalFeed>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, StorageLifecycle>();
        services.AddSingleton<IAttributeToFactoryMapper<JournalAttribute>, JournalAttributeMapper>();
        services.AddGrainStorage(ContactGrainStorage.Name, (sp, _) => ActivatorUtilities.CreateInstance<ContactGrainStorage>(sp));
        services.AddStorageMigrations(ReminderSchema.Migrations);
        // Several nodes may share a PostgreSQL database: each hears the journals the others write.
        if (dialect is PostgresDialect postgres)
        {
            services.AddHostedService(sp => ActivatorUtilities.CreateInstance<PostgresJournalListener>(sp, postgres));
        }
        return silo;
    }

    /// <summary>Reminders in the SQLite file, through <see cref="SqliteReminderTable"/>.</summary>
    public static ISiloBuilder UseSqliteReminderTable(this ISiloBuilder silo)
    {
        silo.AddReminders();
        silo.Services.AddSingleton<IReminderTable, SqliteReminderTable>();
        return silo;
    }

    /// <summary>The tables and queries of Orleans' ADO.NET clustering, created with the rest of the schema (PostgreSQL only).</summary>
    public static ISiloBuilder AddMembershipTables(this ISiloBuilder silo)
    {
        silo.Services.AddStorageMigrations(MembershipSchema.Migrations);
        return silo;
    }

    /// <summary>Schema steps of other modules (the grains' own tables and views), applied at start with the storage's own.</summary>
    public static IServiceCollection AddStorageMigrations(this IServiceCollection services, params StorageMigration[] migrations)
    {
        foreach (var migration in migrations) services.AddSingleton(migration);
        return services;
    }
}
