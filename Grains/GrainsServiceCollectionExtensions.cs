using Contact.Grains.Agents;
using Contact.Grains.Campaigns;
using Contact.Storage;
using Contact.Storage.Campaigns;
using Contact.Storage.Services;
using Microsoft.Extensions.DependencyInjection;

namespace Contact.Grains;

public static class GrainsServiceCollectionExtensions
{
    /// <summary>
    /// What the domain's grains need besides Orleans (which finds the grain classes itself): their
    /// settings, the work a silo does when it starts, and <see cref="AddContactTables"/>.
    /// </summary>
    public static IServiceCollection AddContactGrains(this IServiceCollection services, AgentOptions agentOptions)
    {
        services.AddSingleton(agentOptions);
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, CampaignWakeUp>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, UnfinishedImportCleanup>();
        return services.AddContactTables();
    }

    /// <summary>
    /// The domain's own tables, which the grains and the API both use (an API node without grains
    /// too): calling records and their imports, the do-not-call list, service membership, and a
    /// view that shows the agents' state history (journal rows of kind agent.state) as plain
    /// columns for reports.
    /// </summary>
    public static IServiceCollection AddContactTables(this IServiceCollection services)
    {
        services.AddSingleton<CallingRecordStore>();
        services.AddSingleton<DoNotCallList>();
        services.AddSingleton<ServiceMembers>();
        services.AddSingleton<CallingListImporter>();
        services.AddStorageMigrations(CampaignSchema.Migrations);
        services.AddStorageMigrations(ServiceSchema.Migrations);
        services.AddStorageMigrations(new StorageMigration("grains", 1,
            """
            CREATE VIEW agent_state_history AS
            SELECT grain_key AS agent_id, seq, at,
                   json_extract(payload, '$.from') AS from_state,
                   json_extract(payload, '$.to') AS to_state,
                   json_extract(payload, '$.reason') AS reason
            FROM grain_journal WHERE grain_type = 'agent' AND kind = 'agent.state'
            """,
            """
            CREATE VIEW agent_state_history AS
            SELECT grain_key AS agent_id, seq, at,
                   payload::jsonb ->> 'from' AS from_state,
                   payload::jsonb ->> 'to' AS to_state,
                   payload::jsonb ->> 'reason' AS reason
            FROM grain_journal WHERE grain_type = 'agent' AND kind = 'agent.state'
            """));
        return services;
    }
}
