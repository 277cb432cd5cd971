using Contact.Grains;
using Contact.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;

namespace Contact.Silo.Hosting;

/// <summary>
/// A node without grains (<c>Contact:Node=Api</c>): an Orleans client of the cluster on the same
/// PostgreSQL database, which finds the silos' gateways in the membership table. It has the
/// database and the live feed of its own, for what the API reads and writes there directly
/// (calling-list imports, the do-not-call list, event streams).
/// </summary>
public static class ContactClientExtensions
{
    public static IHostApplicationBuilder AddContactClient(this IHostApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var contact = configuration.GetSection("Contact");
        if (!NodeSettings.IsPostgres(contact))
        {
            throw new InvalidOperationException("Contact:Node=Api is a node of a cluster, which needs Contact:Storage=Postgres: on SQLite the API hosts the one silo itself.");
        }
        var connectionString = NodeSettings.PostgresConnectionString(configuration);
        var cluster = ClusterSettings.Read(configuration, shared: true);
        // Before the client: the schema (the membership table's queries too) is in place when it looks for gateways.
        builder.Services.AddContactDatabaseWithoutSilo(NodeSettings.Postgres(contact, connectionString));
        builder.Services.AddMembershipTables();
        builder.Services.AddContactTables();
        NodeSettings.AddAdapters(builder.Services, contact);
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(cluster.Apply);
            client.UseAdoNetClustering(o =>
            {
                o.Invariant = NodeSettings.PostgresInvariant;
                o.ConnectionString = connectionString;
            });
            client.Configure<ClientMessagingOptions>(o =>
                o.ResponseTimeout = TimeSpan.FromSeconds(contact.GetValue("Runtime:CallTimeoutSeconds", 30.0)));
            // New silos' gateways are found within seconds, not Orleans' default minute: after a
            // rolling restart every gateway the node knew at first is gone.
            client.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(5));
            client.UseConnectionRetryFilter<WaitForSilos>();
            client.AddOutgoingGrainCallFilter<RetryRejectedCalls>();
            client.Services.AddSingleton<GatewayLoss>();
            client.Services.AddSingleton<IClusterConnectionStatusObserver>(services => services.GetRequiredService<GatewayLoss>());
            client.AddOutgoingGrainCallFilter<FailCallsOfLostGateways>();
            OrleansDashboard.AddTo(client, configuration);
        });
        return builder;
    }
}
