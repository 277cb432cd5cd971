using System.Net;
using Contact.Grains;
using Contact.Grains.Agents;
using Contact.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;

namespace Contact.Silo.Hosting;

/// <summary>A Contact silo from configuration: Orleans, the database, reminders, the grains' services, the SMS adapter.</summary>
public static class ContactSiloExtensions
{
    /// <summary>
    /// Hosts a silo in this application (the API's web host, or the silo host alone), and
    /// creates the <c>admin</c> login on the first start, once the silo runs.
    /// </summary>
    public static IHostApplicationBuilder AddContactSilo(this IHostApplicationBuilder builder)
    {
        builder.UseOrleans(silo => silo.AddContact(builder.Configuration));
        builder.Services.AddHostedService<AdminBootstrap>();
        // Orleans 10.4.2's watchdog starts its two threads one after the other, and the first can
        // check the second before it has run once: it then warns of a "stall" as long as the
        // machine's uptime. Real stalls still show: the silo's health monitor logs them.
        builder.Logging.AddFilter("Orleans.Runtime.Watchdog", LogLevel.Error);
        return builder;
    }

    public static ISiloBuilder AddContact(this ISiloBuilder silo, IConfiguration configuration)
    {
        var contact = configuration.GetSection("Contact");
        if (NodeSettings.IsPostgres(contact))
        {
            UsePostgres(silo, contact, NodeSettings.PostgresConnectionString(configuration), ClusterSettings.Read(configuration, shared: true));
        }
        else
        {
            UseSqlite(silo, contact, ClusterSettings.Read(configuration, shared: false));
        }

        var runtime = contact.GetSection("Runtime");
        silo.Configure<GrainCollectionOptions>(o => o.CollectionAge = TimeSpan.FromMinutes(runtime.GetValue("CollectionAgeMinutes", 15.0)));
        silo.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(runtime.GetValue("CallTimeoutSeconds", 30.0)));

        var reasons = contact.GetSection("Agents:NotReadyReasons").Get<string[]>();
        silo.Services.AddContactGrains(reasons is { Length: > 0 } ? new AgentOptions { NotReadyReasons = reasons } : new AgentOptions());
        NodeSettings.AddAdapters(silo.Services, contact);
        CachedGrainInterfaceTypes.AddFirst(silo.Services);
        OrleansDashboard.AddTo(silo, configuration);
        return silo;
    }

    /// <summary>The default: one node, its grain state, journals and reminders in one SQLite file.</summary>
    private static void UseSqlite(ISiloBuilder silo, IConfigurationSection contact, ClusterSettings cluster)
    {
        silo.UseLocalhostClustering(cluster.SiloPort, cluster.GatewayPort, serviceId: cluster.ServiceId, clusterId: cluster.ClusterId);
        silo.AddContactStorage(new SqliteDialect(contact["Sqlite:Path"] ?? "./data/contact.db")).UseSqliteReminderTable();
    }

    /// <summary>
    /// A dead silo is found within seconds, not Orleans' default of about 15 s (probes every 5 s,
    /// three missed): its agents wait for no longer than that. The probe timeout is where Orleans
    /// 10 starts its per-silo adaptive timeout (between half and four times it, from the response
    /// times it sees), Orleans does not vote against a silo whose connection still carries
    /// messages, asks another silo to probe before it votes, and stretches its timeouts while this
    /// silo itself is starved: so a garbage collection or a busy moment is not read as a death.
    /// The table is read every 2 s, so every silo learns of a death even when gossip missed it.
    /// </summary>
    private static void QuickFailover(ClusterMembershipOptions options)
    {
        options.ProbeTimeout = TimeSpan.FromSeconds(1);
        options.NumMissedProbesLimit = 3;
        options.TableRefreshTimeout = TimeSpan.FromSeconds(2);
        options.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(5);
        options.DeathVoteExpirationTimeout = TimeSpan.FromSeconds(20);
    }

    /// <summary>
    /// A cluster of one or more silos on one PostgreSQL database: grain state, journals, reminders
    /// and the membership table together, so a silo started with the same settings joins the others.
    /// </summary>
    private static void UsePostgres(ISiloBuilder silo, IConfigurationSection contact, string connectionString, ClusterSettings cluster)
    {
        silo.Configure<ClusterOptions>(cluster.Apply);
        // On loopback (one machine) the silo listens there only; an address that other machines
        // use is listened on at every interface, as containers behind their own addresses need.
        silo.ConfigureEndpoints(cluster.AdvertisedAddress, cluster.SiloPort, cluster.GatewayPort,
            listenOnAnyHostAddress: !IPAddress.IsLoopback(cluster.AdvertisedAddress));
        silo.UseAdoNetClustering(o =>
        {
            o.Invariant = NodeSettings.PostgresInvariant;
            o.ConnectionString = connectionString;
        });
        silo.Configure<ClusterMembershipOptions>(QuickFailover);
        // Only a cluster has another silo to send a rejected call to: one silo alone, a stopping
        // one, would reject it again, and the filter costs every grain call a few microseconds.
        silo.AddOutgoingGrainCallFilter<RetryRejectedCalls>();
        // A stopping silo tells the API nodes to send through other gateways, then waits this long
        // before it closes its own: without the wait (Orleans' default is none), a request an API
        // node sent at that moment was lost and its caller waited the whole call timeout.
        silo.Configure<SiloMessagingOptions>(o => o.ClientGatewayShutdownNotificationTimeout = TimeSpan.FromSeconds(2));
        silo.AddContactStorage(NodeSettings.Postgres(contact, connectionString));
        silo.Services.AddMembershipTables();
        silo.UseAdoNetReminderService(o =>
        {
            o.Invariant = NodeSettings.PostgresInvariant;
            o.ConnectionString = connectionString;
        });
    }
}
