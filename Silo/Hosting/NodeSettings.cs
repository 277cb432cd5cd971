using Contact.Grains.Phones;
using Contact.Silo.Twilio;
using Contact.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Contact.Silo.Hosting;

/// <summary>The settings that a silo and an API node read alike: the database, and the adapters to the outside.</summary>
internal static class NodeSettings
{
    /// <summary>Npgsql's ADO.NET invariant name, by which Orleans' ADO.NET providers find it.</summary>
    public const string PostgresInvariant = "Npgsql";

    public static bool IsPostgres(IConfigurationSection contact)
    {
        var storage = contact["Storage"] ?? "Sqlite";
        if (storage.Equals("Postgres", StringComparison.OrdinalIgnoreCase)) return true;
        if (storage.Equals("Sqlite", StringComparison.OrdinalIgnoreCase)) return false;
        throw new InvalidOperationException($"Contact:Storage must be Sqlite or Postgres, not '{storage}'.");
    }

    public static string PostgresConnectionString(IConfiguration configuration) =>
        configuration.GetConnectionString("Contact") is { Length: > 0 } connectionString
            ? connectionString
            : throw new InvalidOperationException("Contact:Storage=Postgres needs ConnectionStrings:Contact.");

    public static PostgresDialect Postgres(IConfigurationSection contact, string connectionString) =>
        new(connectionString, contact.GetValue("Postgres:Writers", 1));

    /// <summary>Twilio (SMS) and the phone numbering settings.</summary>
    public static void AddAdapters(IServiceCollection services, IConfigurationSection contact)
    {
        services.AddTwilio(contact.GetSection("Twilio").Get<TwilioOptions>() ?? new TwilioOptions());
        services.AddSingleton(PhoneSettings(contact));
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
}
