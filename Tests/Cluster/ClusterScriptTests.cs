using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Contact.Tests.Support;
using Xunit.Abstractions;

namespace Contact.Tests.Cluster;

/// <summary>
/// <c>scripts/cluster.sh</c>, as operations and the cluster benchmark run it: three silos, two API
/// nodes and nginx on the test's PostgreSQL database, served through the balancer, then stopped.
/// </summary>
[Collection(ServerProcessCollection.Name)]
public sealed class ClusterScriptTests(ITestOutputHelper output) : IDisposable
{
    private static readonly string root = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../.."));
    private readonly Database database = new(DatabaseKind.Postgres);
    private readonly string directory = Directory.CreateTempSubdirectory("contact-cluster-script").FullName;

    public void Dispose()
    {
        // Stops whatever a failed test left running before the database goes.
        if (File.Exists(Path.Combine(directory, "cluster.env"))) Run("down", TimeSpan.FromMinutes(1));
        database.Dispose();
        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public async Task The_script_brings_up_a_cluster_that_serves_through_the_balancer_and_takes_it_down()
    {
        var clock = Stopwatch.StartNew();
        Assert.Equal(0, Run("up", TimeSpan.FromMinutes(5)));
        output.WriteLine($"measured: scripts/cluster.sh up, 3 silos, 2 API nodes and nginx ready after {clock.Elapsed.TotalSeconds:F1} s (build included)");
        var environment = File.ReadAllLines(Path.Combine(directory, "cluster.env"))
            .Select(line => line.Split('=', 2)).ToDictionary(pair => pair[0], pair => pair[1].Trim('"'));
        var silos = environment["SILO_URLS"].Split(' ');
        Assert.Equal(3, silos.Length);
        Assert.Equal(2, environment["API_URLS"].Split(' ').Length);

        using var balancer = new HttpClient { BaseAddress = new Uri(environment["CLUSTER_URL"]) };
        var token = await ProcessCluster.TokenAsync(balancer, "admin", ClusterAdminPassword);
        balancer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        (await balancer.PutAsJsonAsync("/api/v1/agents/ann", new { name = "Ann", password = "password-ann" })).EnsureSuccessStatusCode();
        (await balancer.PostAsync("/api/v1/agents/ann/session", null)).EnsureSuccessStatusCode();
        (await balancer.PutAsJsonAsync("/api/v1/agents/ann/state", new { state = "Ready" })).EnsureSuccessStatusCode();
        // Every node, silo or API node, serves the same agent.
        foreach (var node in silos.Concat(environment["API_URLS"].Split(' ')))
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"{node}/api/v1/agents/ann");
            request.Headers.Authorization = balancer.DefaultRequestHeaders.Authorization;
            using var answer = await balancer.SendAsync(request);
            Assert.Contains("\"state\":\"Ready\"", await answer.Content.ReadAsStringAsync());
        }

        // A silo added to the running cluster serves the same agent.
        var (added, addedUrl) = RunForOutput(["add-silo", directory, "silo4"], TimeSpan.FromMinutes(2));
        Assert.Equal(0, added);
        using (var request = new HttpRequestMessage(HttpMethod.Get, $"{addedUrl.Trim()}/api/v1/agents/ann"))
        {
            request.Headers.Authorization = balancer.DefaultRequestHeaders.Authorization;
            using var answer = await balancer.SendAsync(request);
            Assert.Contains("\"state\":\"Ready\"", await answer.Content.ReadAsStringAsync());
        }

        // Metrics are scraped from each node, not through the public balancer.
        Assert.Equal(HttpStatusCode.NotFound, (await balancer.GetAsync("/metrics")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await balancer.GetAsync($"{silos[0]}/metrics")).StatusCode);

        Assert.Equal(0, Run("down", TimeSpan.FromMinutes(1)));
        Assert.Empty(Directory.GetFiles(directory, "*.pid"));
        await Assert.ThrowsAsync<HttpRequestException>(() => balancer.GetAsync("/health/live"));
        File.Delete(Path.Combine(directory, "cluster.env"));
    }

    private const string ClusterAdminPassword = "cluster-script-admin-1";

    private int Run(string command, TimeSpan within) => RunForOutput([command, directory], within).ExitCode;

    /// <summary>Runs scripts/cluster.sh with these arguments: its exit code, and what it wrote to its output.</summary>
    private (int ExitCode, string Output) RunForOutput(string[] arguments, TimeSpan within)
    {
        var start = new ProcessStartInfo("bash") { WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("scripts/cluster.sh");
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment["CONTACT_POSTGRES"] = database.PostgresConnectionString;
        start.Environment["CONTACT_ADMIN_PASSWORD"] = ClusterAdminPassword;
        using var script = Process.Start(start)!;
        var log = new StringBuilder();
        var printed = new StringBuilder();
        script.OutputDataReceived += (_, line) =>
        {
            if (line.Data is null) return;
            lock (log) log.AppendLine(line.Data);
            lock (printed) printed.AppendLine(line.Data);
        };
        script.ErrorDataReceived += (_, line) => { if (line.Data is not null) lock (log) log.AppendLine(line.Data); };
        script.BeginOutputReadLine();
        script.BeginErrorReadLine();
        if (!script.WaitForExit(within))
        {
            script.Kill(entireProcessTree: true);
            throw new TimeoutException($"scripts/cluster.sh {arguments[0]} did not end within {within}: {log}");
        }
        script.WaitForExit();
        output.WriteLine($"scripts/cluster.sh {arguments[0]}: {log}");
        return (script.ExitCode, printed.ToString());
    }
}
