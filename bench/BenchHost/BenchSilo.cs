using System.Net;
using System.Net.Sockets;
using Contact.Silo.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Contact.Bench;

/// <summary>A silo configured as the product's, in the benchmark's process, on the database the arguments name.</summary>
public static class BenchSilo
{
    /// <summary>Configuration for <c>sqlite PATH</c> or <c>postgres CONNECTION-STRING</c>.</summary>
    public static Dictionary<string, string?> Storage(string kind, string target) => kind == "sqlite"
        ? new() { ["Contact:Storage"] = "Sqlite", ["Contact:Sqlite:Path"] = target }
        : new() { ["Contact:Storage"] = "Postgres", ["ConnectionStrings:Contact"] = target };

    public static async Task<IHost> StartAsync(IDictionary<string, string?> settings, Action<IServiceCollection>? services = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Error);
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Contact:Cluster:SiloPort"] = FreePort().ToString(),
            ["Contact:Cluster:GatewayPort"] = FreePort().ToString(),
            ["Contact:Admin:Password"] = "bench-admin-1",
        });
        builder.AddContactSilo();
        services?.Invoke(builder.Services);
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
