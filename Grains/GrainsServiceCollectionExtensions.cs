using Contact.Orleans.Grains.Accounts;
using Contact.Orleans.Grains.Agents;
using Contact.Orleans.Grains.Campaigns;
using Contact.Orleans.Grains.Chats;
using Contact.Orleans.Grains.Customers;
using Contact.Orleans.Grains.Directory;
using Contact.Orleans.Grains.Services;
using Contact.Orleans.Grains.Sms;
using Contact.Orleans.Grains.Interfaces;
using Contact.Orleans.Runtime;
using Contact.Orleans.Runtime.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Contact.Orleans.Grains;

public static class GrainsServiceCollectionExtensions
{
    /// <summary>
    /// The domain's grains under their stored type names, and the domain's own schema: a view that
    /// shows the agents' state history (journal rows of kind agent.state) as plain columns for reports.
    /// </summary>
    public static IServiceCollection AddContactGrains(this IServiceCollection services, AgentOptions agentOptions)
    {
        services.AddSingleton(agentOptions);
        services.AddGrain<IAgentGrain, AgentGrain>("agent");
        services.AddGrain<IAccountGrain, AccountGrain>("account");
        services.AddGrain<ISecretGrain, SecretGrain>("secret");
        services.AddGrain<IDirectoryGrain, DirectoryGrain>("directory");
        services.AddGrain<ICannedResponsesGrain, CannedResponsesGrain>("canned-responses");
        services.AddGrain<IServiceQueueGrain, ServiceQueueGrain>("service");
        services.AddGrain<IChatSessionGrain, ChatSessionGrain>("chat");
        services.AddGrain<ICustomerGrain, CustomerGrain>("customer");
        services.AddGrain<ICustomerAddressGrain, CustomerAddressGrain>("customer-address");
        services.AddGrain<ISmsNumberGrain, SmsNumberGrain>("sms-number");
        services.AddGrain<ISmsThreadGrain, SmsThreadGrain>("sms-thread");
        services.AddGrain<ISmsInboundGrain, SmsInboundGrain>("sms-inbound");
        services.AddGrain<ICampaignGrain, CampaignGrain>("campaign");
        services.AddGrain<ICallingRecordGrain, CallingRecordGrain>(CallingRecordGrain.TypeName);
        services.AddGrain<ICallingListImportGrain, CallingListImportGrain>("calling-list-import");
        services.AddSingleton<CallingRecordStore>();
        services.AddSingleton<DoNotCallList>();
        services.AddSingleton<CallingListImporter>();
        services.AddStorageMigrations(CampaignSchema.Migrations);
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
