using System.Net.Http.Json;
using Contact.Grains.Interfaces;
using Contact.Silo.Hosting;
using Contact.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Contact.Tests.Hosting;

/// <summary>The programs as operations start them: the silo alone, the API with its silo; real processes, their real logs.</summary>
[Collection(ServerProcessCollection.Name)]
public sealed class HostingTests : IDisposable
{
    private static readonly TimeSpan patience = TimeSpan.FromSeconds(60);
    private readonly string workingDirectory = Directory.CreateTempSubdirectory("contact-hosting").FullName;
    private readonly IReadOnlyDictionary<string, string> ports = SiloPorts.Fresh();

    public void Dispose() => Directory.Delete(workingDirectory, recursive: true);

    [Fact]
    public async Task The_silo_runs_alone_serves_an_Orleans_client_and_logs_no_warnings()
    {
        // The silo as built in its own folder, as `dotnet run --project Silo` runs it.
        var siloAssembly = Path.Combine(AppContext.BaseDirectory.Replace($"{Path.DirectorySeparatorChar}Tests{Path.DirectorySeparatorChar}bin",
            $"{Path.DirectorySeparatorChar}Silo{Path.DirectorySeparatorChar}bin"), "Contact.Silo.dll");
        using var silo = ChildProcess.Start(siloAssembly, Settings(), workingDirectory);
        var log = await StartupLogAsync(silo);

        using var client = await ClientAsync();
        var grains = client.Services.GetRequiredService<IClusterClient>();
        var agent = grains.GetGrain<IAgentGrain>("ann");
        await agent.Configure(new AgentProfile("Ann", ["sales"], 2));
        var view = await agent.StartSession();
        Assert.Equal(AgentState.NotReady, view.State);
        Assert.Equal(["sales"], view.Services);
        // A refusal crosses the process boundary with its code and details.
        var refused = await Assert.ThrowsAsync<ContactException>(() => agent.SetState(AgentState.Busy, null));
        Assert.Equal(("state-not-settable", ErrorKind.Invalid), (refused.Code, refused.Kind));
        Assert.Equal(new[] { "Ready", "NotReady" }, refused.Details["allowed"]);

        Assert.DoesNotContain(log, IsWarningOrWorse);
    }

    [Fact]
    public async Task The_api_starts_its_silo_and_logs_no_warnings_on_the_first_start_or_the_next()
    {
        for (var start = 0; start < 2; start++)
        {
            var port = SiloPorts.Free();
            using var api = ChildProcess.Start("Contact.Api.dll", Settings(), workingDirectory, "--urls", $"http://127.0.0.1:{port}");
            var log = await StartupLogAsync(api);
            Assert.DoesNotContain(log, IsWarningOrWorse);
        }
    }

    [Fact]
    public async Task Reset_admin_password_lets_an_operator_back_in_after_the_password_is_lost()
    {
        // The first start makes 'admin' with a generated password, which nobody wrote down.
        using (var first = ChildProcess.Start("Contact.Api.dll", Settings(), workingDirectory, "--urls", $"http://127.0.0.1:{SiloPorts.Free()}"))
        {
            await StartupLogAsync(first);
        }
        var recovery = new Dictionary<string, string>(Settings()) { ["Contact:Admin:Password"] = "recovered-secret-1", ["Logging:LogLevel:Default"] = "Warning" };
        using (var reset = ChildProcess.Start("Contact.Api.dll", recovery, workingDirectory, AdminRecovery.Command))
        {
            Assert.Equal(0, await reset.ExitCodeAsync(patience));
        }

        var port = SiloPorts.Free();
        using var api = ChildProcess.Start("Contact.Api.dll", Settings(), workingDirectory, "--urls", $"http://127.0.0.1:{port}");
        await StartupLogAsync(api);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        var login = await http.PostAsJsonAsync("/api/v1/auth/token", new { username = "admin", password = "recovered-secret-1" });
        Assert.Equal(System.Net.HttpStatusCode.OK, login.StatusCode);
    }

    private Dictionary<string, string> Settings() => new(ports)
    {
        ["Contact:Storage"] = "Sqlite",
        ["Contact:Sqlite:Path"] = Path.Combine(workingDirectory, "contact.db"),
        ["Logging:LogLevel:Default"] = "Information",
    };

    /// <summary>Everything logged until the host says it started, and for a few seconds after (the silo's first health checks).</summary>
    private static async Task<List<string>> StartupLogAsync(ChildProcess process)
    {
        var log = new List<string>();
        while (!log.Any(line => line.Contains("Application started", StringComparison.Ordinal)))
        {
            log.Add(await process.ReadLineAsync(patience));
        }
        log.AddRange(await process.ReadLinesAsync(TimeSpan.FromSeconds(3)));
        return log;
    }

    private static bool IsWarningOrWorse(string line) =>
        line.StartsWith("warn:", StringComparison.Ordinal) || line.StartsWith("fail:", StringComparison.Ordinal) || line.StartsWith("crit:", StringComparison.Ordinal);

    private async Task<IHost> ClientAsync()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseOrleansClient(client => client.UseLocalhostClustering(int.Parse(ports["Contact:Cluster:GatewayPort"]),
            ClusterSettings.DefaultId, ClusterSettings.DefaultId));
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }
}
