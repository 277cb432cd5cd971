using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Contact.Grains.Interfaces;
using Contact.Tests.Support;
using Xunit.Abstractions;

namespace Contact.Tests.Cluster;

/// <summary>
/// A preview campaign whose agents work through its list on three silo processes and an API node;
/// the silo holding the campaign's grain is killed with SIGKILL midway. Prints what it measured.
/// </summary>
[Collection(ServerProcessCollection.Name)]
public sealed class CampaignFailoverTests(ITestOutputHelper output) : IDisposable
{
    private const int Records = 100;
    private const int Workers = 8;
    private const int KillAfter = 30;
    private static readonly TimeSpan deadline = TimeSpan.FromSeconds(90);
    private readonly Database database = new(DatabaseKind.Postgres);
    private ProcessCluster? cluster;
    // Per record, the agents it was offered to, and those whose accept and complete were answered 2xx.
    private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> offered = new(), accepted = new(), completed = new();
    // The answers that the desktops got and did not send again, to tell why a record was left.
    private readonly ConcurrentQueue<string> refusals = new();

    public void Dispose()
    {
        cluster?.Dispose();
        database.Dispose();
    }

    [Fact]
    public async Task No_record_is_worked_by_two_agents_and_the_list_is_finished_when_the_campaign_silo_is_SIGKILLed()
    {
        cluster = await ProcessCluster.StartAsync(database);
        var admin = cluster.Http;
        await PutCampaignAsync(admin);
        var agents = new List<(string Id, HttpClient Http, SseReader Events)>();
        for (var i = 0; i < Workers; i++) agents.Add(await JoinAsync(admin, $"c{i}"));

        var host = (await cluster.HostsAsync<ICampaignGrain>(["renewals"]))["renewals"];
        using var stop = new CancellationTokenSource();
        var clock = Stopwatch.StartNew();
        (await admin.PostAsync("/api/v1/campaigns/renewals/start", null)).EnsureSuccessStatusCode();
        var work = agents.Select(agent => WorkAsync(agent.Id, agent.Http, agent.Events, stop.Token)).ToList();

        while (completed.Count < KillAfter && clock.Elapsed < deadline) await Task.Delay(20);
        var killedAt = clock.Elapsed;
        var completedAtKill = completed.Count;
        cluster.SiloAt(host).Process.Kill();

        var finished = await Eventually.Until(() => CompletedAsync(admin), done => done == Records || clock.Elapsed > deadline);
        var finishedAt = clock.Elapsed;
        // A desktop waiting for its next offer stops when its stream is closed.
        await stop.CancelAsync();
        foreach (var agent in agents) agent.Events.Dispose();
        await Task.WhenAll(work);
        foreach (var agent in agents) agent.Http.Dispose();

        var offeredTwice = offered.Count(record => record.Value.Count > 1);
        output.WriteLine($"measured: campaign failover, {completedAtKill} of {Records} records completed when the campaign's silo was killed at {killedAt.TotalSeconds:F1} s; " +
            $"all {finished} completed {(finishedAt - killedAt).TotalSeconds:F1} s after the kill; {offeredTwice} records offered again after their offer was lost, " +
            $"{accepted.Count(r => r.Value.Count > 1)} accepted by two agents, {completed.Count(r => r.Value.Count > 1)} completed by two");
        foreach (var refusal in refusals) output.WriteLine(refusal);
        Assert.Equal(Records, finished);
        Assert.All(accepted, record => Assert.Single(record.Value));
        Assert.All(completed, record => Assert.Single(record.Value));
        Assert.Equal(Records, completed.Count);
    }

    /// <summary>One agent's desktop: accepts every record it is offered, and completes it as a sale a moment later, until stopped.</summary>
    private async Task WorkAsync(string agentId, HttpClient http, SseReader events, CancellationToken stop)
    {
        while (true)
        {
            string record;
            try
            {
                var offer = await events.Until("preview.offered", deadline);
                using var data = JsonDocument.Parse(offer.Data);
                record = data.RootElement.GetProperty("details").GetProperty("recordId").GetString()!;
            }
            catch (Exception) when (stop.IsCancellationRequested)
            {
                return;
            }
            offered.GetOrAdd(record, _ => new()).Enqueue(agentId);
            if (!await SendAsync(() => http.PostAsync($"/api/v1/records/{record}/accept", null))) continue;
            accepted.GetOrAdd(record, _ => new()).Enqueue(agentId);
            await Task.Delay(100, CancellationToken.None);
            if (await SendAsync(() => http.PostAsJsonAsync($"/api/v1/records/{record}/complete", new { disposition = "Sale" })))
            {
                completed.GetOrAdd(record, _ => new()).Enqueue(agentId);
            }
        }
    }

    /// <summary>
    /// Sends a request again while it answers 503 or 409 <c>concurrent-update</c>, as the contract tells
    /// a desktop to; whether it was answered 2xx in the end.
    /// </summary>
    private async Task<bool> SendAsync(Func<Task<HttpResponseMessage>> send)
    {
        for (var attempt = 0; attempt < 40; attempt++)
        {
            using var response = await send();
            if (response.IsSuccessStatusCode) return true;
            var body = await response.Content.ReadAsStringAsync();
            var again = response.StatusCode == HttpStatusCode.ServiceUnavailable
                        || (response.StatusCode == HttpStatusCode.Conflict && body.Contains("\"code\":\"concurrent-update\"", StringComparison.Ordinal));
            if (!again)
            {
                refusals.Enqueue($"{response.RequestMessage?.RequestUri?.AbsolutePath} answered {(int)response.StatusCode}: {body}");
                return false;
            }
            await Task.Delay(250);
        }
        refusals.Enqueue("a request was turned away forty times (503 or concurrent-update)");
        return false;
    }

    private static async Task<int> CompletedAsync(HttpClient admin)
    {
        using var response = await admin.GetAsync("/api/v1/campaigns/renewals/stats");
        if (!response.IsSuccessStatusCode) return 0;
        var stats = await response.Content.ReadFromJsonAsync<JsonElement>();
        return stats.GetProperty("states").TryGetProperty("Completed", out var count) ? count.GetInt32() : 0;
    }

    private static async Task PutCampaignAsync(HttpClient admin)
    {
        (await admin.PutAsJsonAsync("/api/v1/services/sales", new { name = "Sales", channels = new[] { "chat" } })).EnsureSuccessStatusCode();
        // Open from an hour ago to three hours ahead in New York, the zone of the list's 212 numbers.
        var newYork = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("America/New_York"));
        var response = await admin.PutAsJsonAsync("/api/v1/campaigns/renewals", new
        {
            name = "Renewals", mode = "preview", serviceId = "sales", timeZone = "America/New_York",
            dispositions = new object[] { new { name = "Sale", outcome = "final" } },
            callingHours = new { from = newYork.AddHours(-1).ToString("HH:mm"), to = newYork.AddHours(3).ToString("HH:mm") },
        });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        var csv = new StringBuilder("name,phone1\n");
        for (var i = 0; i < Records; i++) csv.Append($"Customer {i},+1 212 555 {100 + i:D4}\n");
        var import = await admin.PostAsync("/api/v1/campaigns/renewals/lists", new StringContent(csv.ToString(), Encoding.UTF8, "text/csv"));
        var report = await import.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(Records, report.GetProperty("accepted").GetInt32());
    }

    private async Task<(string, HttpClient, SseReader)> JoinAsync(HttpClient admin, string id)
    {
        (await admin.PutAsJsonAsync($"/api/v1/agents/{id}", new { name = $"Agent {id}", password = $"password-{id}", services = new[] { "sales" } })).EnsureSuccessStatusCode();
        (await admin.PutAsync($"/api/v1/campaigns/renewals/agents/{id}", null)).EnsureSuccessStatusCode();
        var http = await cluster!.LoginAsync(id, $"password-{id}");
        var events = await SseReader.OpenAsync(http, $"/api/v1/agents/{id}/events");
        (await http.PostAsync($"/api/v1/agents/{id}/session", null)).EnsureSuccessStatusCode();
        (await http.PutAsJsonAsync($"/api/v1/agents/{id}/state", new { state = "Ready" })).EnsureSuccessStatusCode();
        return (id, http, events);
    }
}
