using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Contact.Silo.Hosting;
using Contact.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Contact.Tests.Cluster;

/// <summary>An API node (<c>Contact:Node=Api</c>): the REST API as an Orleans client of the silos on one PostgreSQL database.</summary>
public sealed class ApiNodeTests : IDisposable
{
    private static readonly TimeSpan patience = TimeSpan.FromSeconds(10);
    private static readonly Dictionary<string, string> apiNode = new() { [ContactNodeExtensions.Setting] = "Api" };
    // The silo makes the admin login on its first start; the API node's tests log in with this password.
    private static readonly Dictionary<string, string> siloSettings = new() { ["Contact:Admin:Password"] = ApiFactory.AdminPassword };
    private readonly Database database = new(DatabaseKind.Postgres);

    public void Dispose() => database.Dispose();

    [Fact]
    public async Task An_api_node_serves_agents_their_events_and_its_own_tables_and_holds_no_grains()
    {
        await using var silo = await TestSilo.StartAsync(database, settings: siloSettings);
        await using var api = new ApiFactory(database, settings: apiNode);

        using var ann = await api.ReadyAgentAsync("ann");
        using var events = await SseReader.OpenAsync(ann, "/api/v1/agents/ann/events");
        (await ann.PutAsJsonAsync("/api/v1/agents/ann/state", new { state = "NotReady", reason = "Lunch" })).EnsureSuccessStatusCode();
        var changed = await events.Until("agent.state", patience);
        using (var data = JsonDocument.Parse(changed.Data))
        {
            Assert.Equal("NotReady", data.RootElement.GetProperty("to").GetString());
        }

        // The do-not-call list is a table the API writes itself, on the API node too.
        using var admin = await api.AdminAsync();
        (await admin.PutAsync("/api/v1/dnc/+14155550123", null)).EnsureSuccessStatusCode();
        var listed = await admin.GetFromJsonAsync<JsonElement>("/api/v1/dnc/+14155550123");
        Assert.True(listed.GetProperty("listed").GetBoolean());

        // Orleans' dashboard on an API node reads the silos' figures.
        var counters = await Eventually.Until(() => admin.GetStringAsync("/dashboard/DashboardCounters"), text => text.Contains("\"totalActiveHostCount\":1"));
        Assert.Contains("\"totalActiveHostCount\":1", counters);

        Assert.Null(api.Services.GetService<ILocalSiloDetails>());
        Assert.Single(await silo.Grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true));
    }

    [Fact]
    public async Task An_api_node_started_before_any_silo_waits_for_one_and_then_serves()
    {
        await using var api = new ApiFactory(database, settings: apiNode);
        // The API node's host starts on first use and keeps looking for gateways until a silo is there.
        var starting = Task.Run(() => api.Server);
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.False(starting.IsCompleted);

        await using var silo = await TestSilo.StartAsync(database, settings: siloSettings);
        await starting.WaitAsync(TimeSpan.FromSeconds(30));

        using var admin = await api.AdminAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/v1/agents/nobody")).StatusCode);
    }

    [Fact]
    public async Task An_api_node_is_ready_only_while_an_active_silo_answers_it()
    {
        var silo = await TestSilo.StartAsync(database, settings: siloSettings);
        await using var api = new ApiFactory(database, settings: apiNode);
        using var anonymous = api.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health/ready")).StatusCode);

        await silo.DisposeAsync();

        // The balancer stops sending it requests; it stays alive, waiting for a silo to come back.
        var ready = await Eventually.Until(() => anonymous.GetAsync("/health/ready"), answer => answer.StatusCode == HttpStatusCode.ServiceUnavailable);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health/live")).StatusCode);

        await using var second = await TestSilo.StartAsync(database, settings: siloSettings);
        ready = await Eventually.Until(() => anonymous.GetAsync("/health/ready"), answer => answer.StatusCode == HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }

    [Fact]
    public void An_api_node_on_SQLite_is_refused_at_start()
    {
        using var sqlite = new Database(DatabaseKind.Sqlite);
        using var api = new ApiFactory(sqlite, settings: apiNode);

        var refused = Assert.Throws<InvalidOperationException>(() => api.Server);

        Assert.Contains("Contact:Storage=Postgres", refused.Message);
    }

    [Fact]
    public void An_unknown_kind_of_node_is_refused_at_start()
    {
        using var api = new ApiFactory(database, settings: new Dictionary<string, string> { [ContactNodeExtensions.Setting] = "Gateway" });

        var refused = Assert.Throws<InvalidOperationException>(() => api.Server);

        Assert.Contains("must be Silo", refused.Message);
    }
}
