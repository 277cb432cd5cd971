using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Contact.Tests.Support;

namespace Contact.Tests.Operations;

/// <summary>What operations read from a node: Prometheus metrics, and Orleans' dashboard for admins only.</summary>
public sealed class OperationsEndpointsTests : IDisposable
{
    private readonly Database database = new(DatabaseKind.Sqlite);

    public void Dispose() => database.Dispose();

    [Fact]
    public async Task Metrics_carry_Orleans_meters_and_the_requests_in_Prometheus_text()
    {
        await using var api = new ApiFactory(database);
        using var admin = await api.AdminAsync();
        (await admin.GetAsync("/api/v1/agents")).EnsureSuccessStatusCode();

        using var scraper = api.CreateClient();
        var metrics = await Eventually.Until(() => scraper.GetStringAsync("/metrics"), text => text.Contains("orleans_") && text.Contains("http_server_request_duration"));

        Assert.Contains("# TYPE ", metrics);
        Assert.Contains("orleans_", metrics);
        Assert.Contains("http_server_request_duration", metrics);
        Assert.Contains("dotnet_gc_", metrics);
    }

    [Fact]
    public async Task The_dashboard_asks_a_browser_for_a_login_and_opens_for_an_admin_only()
    {
        await using var api = new ApiFactory(database);
        (await api.CreateAgentAsync("ann")).Dispose();
        using var browser = api.CreateClient();

        var anonymous = await browser.GetAsync("/dashboard");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.StartsWith("Basic", anonymous.Headers.WwwAuthenticate.ToString());

        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAs(browser, "admin", "not-the-password")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAs(browser, "no such name!", "x")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await GetAs(browser, "ann", "password-ann")).StatusCode);

        var page = await GetAs(browser, "admin", ApiFactory.AdminPassword);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_dashboard_reads_the_cluster_for_an_admin_with_a_bearer_token_too()
    {
        await using var api = new ApiFactory(database);
        using var admin = await api.AdminAsync();

        // The dashboard samples the cluster once a second.
        var counters = await Eventually.Until(() => admin.GetStringAsync("/dashboard/DashboardCounters"), text => text.Contains("\"totalActiveHostCount\":1"));

        Assert.Contains("\"totalActiveHostCount\":1", counters);
    }

    private static Task<HttpResponseMessage> GetAs(HttpClient browser, string username, string password)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/dashboard/");
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{username}:{password}")));
        return browser.SendAsync(request);
    }
}
