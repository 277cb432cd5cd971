using Contact.Orleans.Grains;
using Contact.Orleans.Grains.Agents;
using Contact.Orleans.Runtime;
using Contact.Orleans.Silo.Twilio;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Contact.Orleans.Silo.Hosting;

/// <summary>Wires a silo from configuration: storage, runtime, grains, the SMS adapter and first-start bootstrap.</summary>
public static class SiloServiceCollectionExtensions
{
    public static IServiceCollection AddContactSilo(this IServiceCollection services, IConfiguration configuration)
    {
        var contact = configuration.GetSection("Contact");
        var storage = contact["Storage"] ?? "Sqlite";
        if (storage.Equals("Sqlite", StringComparison.OrdinalIgnoreCase))
        {
            services.AddSqliteGrainStorage(contact["Sqlite:Path"] ?? "./data/contact.db");
        }
        else if (storage.Equals("Postgres", StringComparison.OrdinalIgnoreCase))
        {
            var connectionString = configuration.GetConnectionString("Contact")
                ?? throw new InvalidOperationException("Contact:Storage=Postgres needs ConnectionStrings:Contact.");
            services.AddPostgresGrainStorage(connectionString, contact.GetValue("Postgres:Writers", 1));
        }
        else
        {
            throw new InvalidOperationException($"Contact:Storage must be Sqlite or Postgres, not '{storage}'.");
        }

        var runtime = contact.GetSection("Runtime");
        services.AddGrainRuntime(options =>
        {
            options.CollectionAge = TimeSpan.FromMinutes(runtime.GetValue("CollectionAgeMinutes", 15.0));
            options.CallTimeout = TimeSpan.FromSeconds(runtime.GetValue("CallTimeoutSeconds", 30.0));
        });

        var reasons = contact.GetSection("Agents:NotReadyReasons").Get<string[]>();
        services.AddContactGrains(reasons is { Length: > 0 } ? new AgentOptions { NotReadyReasons = reasons } : new AgentOptions());
        services.AddTwilioSms(contact.GetSection("Twilio").Get<TwilioOptions>() ?? new TwilioOptions());
        services.AddHostedService<AdminBootstrap>();
        return services;
    }
}
