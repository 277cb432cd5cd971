using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Contact.Tests.Support;
using static Contact.Tests.Support.Http;

namespace Contact.Tests.Campaigns;

/// <summary>
/// A server on one database with Twilio's stand-in, a voice service "sales", and the steps every
/// campaign test takes: a campaign, its list, its agents, its start.
/// </summary>
public abstract class CampaignHttpTestBase(DatabaseKind kind) : IAsyncLifetime
{
    protected static readonly TimeSpan patience = TimeSpan.FromSeconds(10);
    protected const string SalesNumber = "+12125550100";
    protected const string NewYork = "America/New_York";
    protected readonly Database database = new(kind);
    protected readonly ManualTimeProvider time = new(DateTimeOffset.UtcNow);
    protected FakeTwilio twilio = null!;
    protected Dictionary<string, string> settings = null!;
    protected ApiFactory api = null!;

    public async Task InitializeAsync()
    {
        // Twilio's stand-in takes the calls placed for records, and calls back through the test server.
        twilio = await FakeTwilio.StartAsync();
        settings = new Dictionary<string, string>(twilio.SettingsFor("http://127.0.0.1")) { ["Contact:Auth:TokenMinutes"] = "10000" };
        api = new ApiFactory(database, time, settings);
        twilio.DeliverWebhooksThrough(api.Server.CreateHandler());
        await api.PutServiceAsync("sales", new { name = "Sales", channels = new[] { "voice" }, offerTimeoutSeconds = 20, voiceNumber = SalesNumber });
    }

    public async Task DisposeAsync()
    {
        await api.DisposeAsync();
        await twilio.DisposeAsync();
        database.Dispose();
    }

    /// <param name="more">Further settings of the campaign's body (autoAccept, machine, ...).</param>
    protected async Task PutCampaign(string id, (DateTimeOffset From, DateTimeOffset To)? hours = null, string mode = "preview", int? previewSeconds = null,
        Dictionary<string, object?>? more = null)
    {
        // By default open from an hour ago to three hours ahead in New York: the zone of the campaign and
        // the one libphonenumber gives the lists' 212 numbers.
        var newYork = TimeZoneInfo.ConvertTime(time.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById(NewYork));
        var (from, to) = hours ?? (newYork.AddHours(-1), newYork.AddHours(3));
        var body = new Dictionary<string, object?>
        {
            ["name"] = "Renewals", ["mode"] = mode, ["serviceId"] = "sales", ["maxAttempts"] = 3, ["retryMinutes"] = 30, ["timeZone"] = NewYork,
            ["dispositions"] = new object[] { new { name = "Sale", outcome = "final" }, new { name = "No Answer", outcome = "retry" }, new { name = "Do Not Call", outcome = "dnc" } },
            ["callingHours"] = new { from = from.ToString("HH:mm"), to = to.ToString("HH:mm") }, ["previewSeconds"] = previewSeconds,
        };
        foreach (var (name, value) in more ?? []) body[name] = value;
        using var admin = await api.AdminAsync();
        var response = await admin.PutAsJsonAsync($"/api/v1/campaigns/{id}", body);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    protected async Task<JsonElement> Import(string campaignId, string csv)
    {
        using var admin = await api.AdminAsync();
        var response = await admin.PostAsync($"/api/v1/campaigns/{campaignId}/lists", Csv(csv));
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        return await Json(response);
    }

    protected async Task<HttpClient> Join(string campaignId, string agentId)
    {
        var agent = await api.ReadyAgentAsync(agentId);
        using var admin = await api.AdminAsync();
        (await admin.PutAsync($"/api/v1/campaigns/{campaignId}/agents/{agentId}", null)).EnsureSuccessStatusCode();
        return agent;
    }

    protected async Task Start(string campaignId)
    {
        using var admin = await api.AdminAsync();
        (await admin.PostAsync($"/api/v1/campaigns/{campaignId}/start", null)).EnsureSuccessStatusCode();
    }

    protected static StringContent Csv(string text) => new(text, Encoding.UTF8, "text/csv");

    /// <summary>The next preview.offered event's details: recordId, campaignId, campaignName, customerName.</summary>
    protected static async Task<JsonElement> OfferedAsync(SseReader events) =>
        JsonDocument.Parse((await events.Until("preview.offered", patience)).Data).RootElement.GetProperty("details");
}
