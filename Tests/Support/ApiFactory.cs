using System.Net.Http.Headers;
using System.Net.Http.Json;
using Contact.Tests.FaultHost;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Contact.Tests.Support;

/// <summary>The real API with its in-process silo, on a database of the test's choosing.</summary>
/// <param name="time">A clock the test moves (it should start at the real time, as tokens are checked against it).</param>
/// <param name="settings">More configuration, such as the Twilio settings.</param>
public sealed class ApiFactory(Database database, TimeProvider? time = null, IReadOnlyDictionary<string, string>? settings = null)
    : WebApplicationFactory<Program>
{
    public const string AdminPassword = "admin-secret-1";

    /// <summary>
    /// Starts the API on a real socket (127.0.0.1, a free port), for clients that cannot go through
    /// the test server: a browser, a generated client, Twilio's stand-in calling the webhooks back.
    /// </summary>
    /// <param name="settingsFor">The settings, given the base URL (Twilio signs the public URL it calls).</param>
    public static (ApiFactory Api, string BaseUrl) StartOnLoopback(Database database, Func<string, IReadOnlyDictionary<string, string>> settingsFor)
    {
        var port = SiloPorts.Free();
        var baseUrl = $"http://127.0.0.1:{port}";
        var api = new ApiFactory(database, settings: settingsFor(baseUrl));
        api.UseKestrel(port);
        api.StartServer();
        return (api, baseUrl);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in database.Settings.Concat(SiloPorts.Fresh())) builder.UseSetting(key, value);
        builder.UseSetting("Contact:Admin:Password", AdminPassword);
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) builder.UseSetting(key, value);
        builder.ConfigureTestServices(DeclaredAnswers.Enforce);
        if (time is not null) builder.ConfigureTestServices(services => services.UseGrainClock(time, forReminders: false));
    }

    public async Task PutServiceAsync(string id, object body)
    {
        using var admin = await AdminAsync();
        (await admin.PutAsJsonAsync($"/api/v1/services/{id}", body)).EnsureSuccessStatusCode();
    }

    public async Task<HttpClient> LoginAsync(string username, string password)
    {
        var client = CreateClient();
        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { username, password });
        response.EnsureSuccessStatusCode();
        var token = await response.Content.ReadFromJsonAsync<TokenBody>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token!.AccessToken);
        return client;
    }

    public Task<HttpClient> AdminAsync() => LoginAsync("admin", AdminPassword);

    /// <summary>Creates an agent (as admin) and returns a client logged in as that agent.</summary>
    public async Task<HttpClient> CreateAgentAsync(string id, params string[] roles)
    {
        using var admin = await AdminAsync();
        // An agent is given existing services only; a test that did not make "sales" gets a plain one.
        if ((await admin.GetAsync("/api/v1/services/sales")).StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            (await admin.PutAsJsonAsync("/api/v1/services/sales", new { name = "Sales", channels = new[] { "chat" } })).EnsureSuccessStatusCode();
        }
        var response = await admin.PutAsJsonAsync($"/api/v1/agents/{id}",
            new { name = $"Agent {id}", password = "password-" + id, services = new[] { "sales" }, maxChats = 2, roles = roles.Length > 0 ? roles : null });
        response.EnsureSuccessStatusCode();
        return await LoginAsync(id, "password-" + id);
    }

    /// <summary>Creates an agent, starts its session and makes it Ready.</summary>
    public async Task<HttpClient> ReadyAgentAsync(string id)
    {
        var client = await CreateAgentAsync(id);
        (await client.PostAsync($"/api/v1/agents/{id}/session", null)).EnsureSuccessStatusCode();
        (await client.PutAsJsonAsync($"/api/v1/agents/{id}/state", new { state = "Ready" })).EnsureSuccessStatusCode();
        return client;
    }

    private sealed record TokenBody(string AccessToken);
}
