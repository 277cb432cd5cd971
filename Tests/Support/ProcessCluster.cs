using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Contact.Silo.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Contact.Tests.Support;

/// <summary>
/// Silos (the silo host alone, as `dotnet run --project Silo` runs it) and an API node as real
/// processes on a test's PostgreSQL database, for tests that kill and stop them.
/// </summary>
public sealed class ProcessCluster : IDisposable
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly Database database;
    private readonly string workingDirectory = Directory.CreateTempSubdirectory("contact-cluster").FullName;
    private readonly List<ChildProcess> processes = [];

    private ProcessCluster(Database database) => this.database = database;

    /// <summary>The running silos with their silo ports, in the order they started.</summary>
    public List<(ChildProcess Process, int Port)> Silos { get; } = [];

    /// <summary>A client of the API node, signed in as admin.</summary>
    public HttpClient Http { get; private set; } = null!;

    public static async Task<ProcessCluster> StartAsync(Database database, int silos = 3)
    {
        var cluster = new ProcessCluster(database);
        try
        {
            for (var i = 0; i < silos; i++) await cluster.AddSiloAsync();
            var apiPort = SiloPorts.Free();
            await StartedAsync(cluster.Start("Contact.Api.dll", new Dictionary<string, string>(cluster.Settings()) { [ContactNodeExtensions.Setting] = "Api" },
                "--urls", $"http://127.0.0.1:{apiPort}"));
            cluster.Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{apiPort}"), Timeout = Patience };
            cluster.Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(cluster.Http, "admin", ApiFactory.AdminPassword));
            return cluster;
        }
        catch
        {
            cluster.Dispose();
            throw;
        }
    }

    public async Task<(ChildProcess Process, int Port)> AddSiloAsync()
    {
        var ports = SiloPorts.Fresh();
        var silo = Start(SiloAssembly, new Dictionary<string, string>(Settings().Concat(ports)));
        await StartedAsync(silo);
        var added = (silo, int.Parse(ports["Contact:Cluster:SiloPort"]));
        Silos.Add(added);
        return added;
    }

    /// <summary>The running silo at <paramref name="address"/>.</summary>
    public (ChildProcess Process, int Port) SiloAt(SiloAddress address) => Silos.Single(silo => silo.Port == address.Endpoint.Port);

    /// <summary>A client of the API node signed in as <paramref name="username"/>.</summary>
    public async Task<HttpClient> LoginAsync(string username, string password)
    {
        var client = new HttpClient { BaseAddress = Http.BaseAddress, Timeout = Patience };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(Http, username, password));
        return client;
    }

    /// <summary>Where each grain is active, asked of the cluster by an Orleans client of its own.</summary>
    public async Task<Dictionary<string, SiloAddress>> HostsAsync<TGrain>(IEnumerable<string> keys) where TGrain : IGrainWithStringKey
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseOrleansClient(client =>
        {
            client.Configure<Orleans.Configuration.ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (ClusterSettings.DefaultId, ClusterSettings.DefaultId));
            client.UseAdoNetClustering(o => (o.Invariant, o.ConnectionString) = ("Npgsql", database.PostgresConnectionString!));
        });
        using var host = builder.Build();
        await host.StartAsync();
        var grains = host.Services.GetRequiredService<IClusterClient>();
        var management = grains.GetGrain<IManagementGrain>(0);
        var hosts = new Dictionary<string, SiloAddress>();
        foreach (var key in keys)
        {
            hosts[key] = await management.GetActivationAddress(grains.GetGrain<TGrain>(key)) ?? throw new InvalidOperationException($"{key} is not active");
        }
        await host.StopAsync();
        return hosts;
    }

    public void Dispose()
    {
        Http?.Dispose();
        foreach (var process in processes) process.Dispose();
        Directory.Delete(workingDirectory, recursive: true);
    }

    private ChildProcess Start(string assembly, IReadOnlyDictionary<string, string> settings, params string[] args)
    {
        var process = ChildProcess.Start(assembly, settings, workingDirectory, args);
        processes.Add(process);
        return process;
    }

    private Dictionary<string, string> Settings() => new(database.Settings)
    {
        ["Contact:Admin:Password"] = ApiFactory.AdminPassword,
        // Only the line that says the host started: a silo that logs nothing cannot fill a pipe nobody reads.
        ["Logging:LogLevel:Default"] = "None",
        ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Information",
    };

    private static async Task StartedAsync(ChildProcess process)
    {
        while (!(await process.ReadLineAsync(Patience)).Contains("Application started", StringComparison.Ordinal))
        {
        }
    }

    public static async Task<string> TokenAsync(HttpClient http, string username, string password)
    {
        var response = await http.PostAsJsonAsync("/api/v1/auth/token", new { username, password });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
    }

    // The silo as built in its own folder, as `dotnet run --project Silo` runs it.
    private static string SiloAssembly => Path.Combine(AppContext.BaseDirectory.Replace($"{Path.DirectorySeparatorChar}Tests{Path.DirectorySeparatorChar}bin",
        $"{Path.DirectorySeparatorChar}Silo{Path.DirectorySeparatorChar}bin"), "Contact.Silo.dll");
}
