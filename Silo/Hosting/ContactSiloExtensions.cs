using Contact.Grains;
using Contact.Grains.Agents;
using Contact.Grains.Phones;
using Contact.Silo.Twilio;
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
    public const string ServiceId = "contact";

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
        var orleans = contact.GetSection("Orleans");
        silo.UseLocalhostClustering(orleans.GetValue("SiloPort", EndpointOptions.DEFAULT_SILO_PORT),
            orleans.GetValue("GatewayPort", EndpointOptions.DEFAULT_GATEWAY_PORT), serviceId: ServiceId, clusterId: orleans["ClusterId"] ?? ServiceId);
        AddDatabase(silo, contact, configuration.GetConnectionString("Contact"));

        var runtime = contact.GetSection("Runtime");
        silo.Configure<GrainCollectionOptions>(o => o.CollectionAge = TimeSpan.FromMinutes(runtime.GetValue("CollectionAgeMinutes", 15.0)));
        silo.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(runtime.GetValue("CallTimeoutSeconds", 30.0)));

        var reasons = contact.GetSection("Agents:NotReadyReasons").Get<string[]>();
        silo.Services.AddContactGrains(reasons is { Length: > 0 } ? new AgentOptions { NotReadyReasons = reasons } : new AgentOptions());
        silo.Services.AddTwilioSms(contact.GetSection("Twilio").Get<TwilioOptions>() ?? new TwilioOptions());
        silo.Services.AddSingleton(PhoneSettings(contact));
        CachedGrainInterfaceTypes.AddFirst(silo.Services);
        return silo;
    }

    private static PhoneOptions PhoneSettings(IConfigurationSection contact)
    {
        var phones = contact.GetSection("Phones").Get<PhoneOptions>() ?? new PhoneOptions();
        if (!PhoneNumberReader.IsKnownRegion(phones.DefaultRegion))
        {
            throw new InvalidOperationException($"Contact:Phones:DefaultRegion must be a country with a numbering plan (US, GB, DE, IN, ...), not '{phones.DefaultRegion}'.");
        }
        return phones;
    }

    /// <summary>SQLite (the default, one node) or PostgreSQL: grain state, journals and reminders in the same database.</summary>
    private static void AddDatabase(ISiloBuilder silo, IConfigurationSection contact, string? connectionString)
    {
        var storage = contact["Storage"] ?? "Sqlite";
        if (storage.Equals("Sqlite", StringComparison.OrdinalIgnoreCase))
        {
            silo.AddContactStorage(new SqliteDialect(contact["Sqlite:Path"] ?? "./data/contact.db")).UseSqliteReminderTable();
        }
        else if (storage.Equals("Postgres", StringComparison.OrdinalIgnoreCase))
        {
            if (string.IsNullOrEmpty(connectionString)) throw new InvalidOperationException("Contact:Storage=Postgres needs ConnectionStrings:Contact.");
            silo.AddContactStorage(new PostgresDialect(connectionString, contact.GetValue("Postgres:Writers", 1)));
            silo.UseAdoNetReminderService(o =>
            {
                o.Invariant = "Npgsql";
                o.ConnectionString = connectionString;
            });
        }
        else
        {
            throw new InvalidOperationException($"Contact:Storage must be Sqlite or Postgres, not '{storage}'.");
        }
    }
}
