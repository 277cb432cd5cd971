using System.Net;
using Microsoft.Extensions.Configuration;
using Orleans.Configuration;

namespace Contact.Silo.Hosting;

/// <summary>
/// <c>Contact:Cluster:</c>, which cluster a silo joins and where the others reach it. The defaults
/// make one node on this machine: loopback, Orleans' usual ports, cluster and service id
/// <c>contact</c>. The service id names the product's durable Orleans data (reminders are kept
/// under it), so it stays the same for the life of an installation; the cluster id may change
/// with a deployment.
/// </summary>
public sealed record ClusterSettings(string ClusterId, string ServiceId, IPAddress AdvertisedAddress, int SiloPort, int GatewayPort)
{
    public const string Section = "Contact:Cluster";
    public const string DefaultId = "contact";

    // Only a silo that shares its database with others can be one of several; on SQLite these
    // settings would promise a cluster the file cannot hold.
    private static readonly string[] clusterOnly = [nameof(ClusterId), nameof(ServiceId), nameof(AdvertisedAddress)];

    /// <summary>Reads and checks the settings; <paramref name="shared"/> says whether the database can be shared by several silos.</summary>
    public static ClusterSettings Read(IConfiguration configuration, bool shared)
    {
        var section = configuration.GetSection(Section);
        if (configuration.GetSection("Contact:Orleans").GetChildren().Any())
        {
            throw new InvalidOperationException(
                "The Contact:Orleans settings have moved: the ports are Contact:Cluster:SiloPort and Contact:Cluster:GatewayPort, the cluster id Contact:Cluster:ClusterId.");
        }
        if (!shared && clusterOnly.FirstOrDefault(key => section[key] is not null) is { } setting)
        {
            throw new InvalidOperationException(
                $"{Section}:{setting} is set, but on SQLite the product runs as one node. A cluster of silos needs Contact:Storage=Postgres, one database that every silo shares.");
        }
        var settings = new ClusterSettings(
            Id(section, nameof(ClusterId)),
            Id(section, nameof(ServiceId)),
            Address(section),
            Port(section, nameof(SiloPort), EndpointOptions.DEFAULT_SILO_PORT),
            Port(section, nameof(GatewayPort), EndpointOptions.DEFAULT_GATEWAY_PORT));
        if (settings.SiloPort == settings.GatewayPort)
        {
            throw new InvalidOperationException($"{Section}:{nameof(SiloPort)} and {Section}:{nameof(GatewayPort)} must differ; both are {settings.SiloPort}.");
        }
        return settings;
    }

    /// <summary>The cluster and service ids into Orleans' options, for a silo or a client.</summary>
    public void Apply(ClusterOptions options)
    {
        options.ClusterId = ClusterId;
        options.ServiceId = ServiceId;
    }

    private static string Id(IConfigurationSection section, string key)
    {
        var value = section[key] ?? DefaultId;
        if (value.Length is 0 or > 150 || value.Any(char.IsWhiteSpace))
        {
            throw new InvalidOperationException($"{Section}:{key} must be 1 to 150 characters without spaces, not '{value}'.");
        }
        return value;
    }

    /// <summary>
    /// An IP address, or a host name resolved once at start to its first IPv4 address: in a
    /// container the host name (compose's service name) is what is known before it runs.
    /// </summary>
    private static IPAddress Address(IConfigurationSection section)
    {
        var value = section[nameof(AdvertisedAddress)];
        if (value is null) return IPAddress.Loopback;
        var address = IPAddress.TryParse(value, out var parsed) ? parsed : Resolve(value);
        if (address is null || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any))
        {
            throw new InvalidOperationException(
                $"{Section}:{nameof(AdvertisedAddress)} must be the IP address (or a host name that resolves to it) at which the other silos and the API nodes reach this one, not '{value}'.");
        }
        return address;
    }

    private static IPAddress? Resolve(string host)
    {
        if (Uri.CheckHostName(host) != UriHostNameType.Dns) return null;
        try
        {
            return Dns.GetHostAddresses(host).FirstOrDefault(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork);
        }
        catch (System.Net.Sockets.SocketException)
        {
            return null;
        }
    }

    private static int Port(IConfigurationSection section, string key, int fallback)
    {
        var value = section[key];
        if (value is null) return fallback;
        if (!int.TryParse(value, out var port) || port is < 1 or > 65535)
        {
            throw new InvalidOperationException($"{Section}:{key} must be a TCP port from 1 to 65535, not '{value}'.");
        }
        return port;
    }
}
