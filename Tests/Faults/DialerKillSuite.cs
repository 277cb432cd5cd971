using System.Collections.Concurrent;
using System.Text.Json;
using Contact.Storage;
using Contact.Tests.Support;
using Xunit.Abstractions;
using static Contact.Tests.Support.Http;

namespace Contact.Tests.Faults;

/// <summary>
/// A progressive campaign works through its list on a real server process, with Twilio's stand-in
/// answering every call and desktops giving each a disposition; the process is killed with SIGKILL
/// midway and started again. No record may be lost, and no number rung twice.
/// </summary>
public abstract class DialerKillSuite(DatabaseKind kind, ITestOutputHelper output) : ServerProcessTestBase(kind)
{
    private const int Records = 8;
    private const int Agents = 2;
    private const int KillAfter = 3;
    private const string SalesNumber = "+15550100000";
    // A kill between writing a call and Twilio's answer leaves a call that waits CallGrain.LostDialGrace for word of its leg.
    private static readonly TimeSpan finishing = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task A_progressive_campaign_killed_mid_list_loses_no_record_and_rings_no_number_twice()
    {
        await using var twilio = await FakeTwilio.StartAsync();
        var (server, http, admin, port, settings) = await StartWithTwilioAsync(twilio);
        using var _ = http;
        var agents = await CreateAgents(http, Agents);
        await PutCampaignAsync(http, admin);
        for (var i = 0; i < Agents; i++)
        {
            await Send(http, admin, HttpMethod.Put, $"/api/v1/campaigns/renewals/agents/a{i}");
            await Send(http, agents[i], HttpMethod.Put, $"/api/v1/agents/a{i}/state", new { state = "Ready" });
        }
        await Send(http, admin, HttpMethod.Post, "/api/v1/campaigns/renewals/start");

        using var stop = new CancellationTokenSource();
        var completed = new ConcurrentDictionary<string, int>();
        var ringingTwice = new ConcurrentQueue<string>();
        var work = new List<Task> { AnswerEveryCallAsync(twilio, ringingTwice, stop.Token) };
        work.AddRange(agents.Select((token, i) => WorkDesktopAsync(http, $"a{i}", token, completed, stop.Token)));

        await Eventually.Until(() => Task.FromResult(completed.Count), count => count >= KillAfter, patience);
        var (completedAtKill, legsAtKill) = (completed.Count, twilio.Participants.Count);
        server.Kill();
        server.Dispose();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        using var restarted = StartApi(port, settings);
        await WaitUntilReady(http);
        var states = await Eventually.Until(async () => await StatesAsync(http, admin), s => s.GetValueOrDefault("Completed") == Records, finishing);
        output.WriteLine($"measured: progressive campaign SIGKILLed ({database.Kind}) with {completedAtKill} of {Records} records completed and {legsAtKill} legs placed; " +
            $"all completed {clock.Elapsed.TotalSeconds:F1} s after the restart began");
        await stop.CancelAsync();
        await Task.WhenAll(work);
        if (states.GetValueOrDefault("Completed") != Records) await TellWhatWasLeftAsync(http, admin, agents, restarted, twilio);

        Assert.Empty(ringingTwice);
        var customerLegs = twilio.Participants.Where(p => !p.To.StartsWith("client:", StringComparison.Ordinal)).ToList();
        Assert.Equal(Records, customerLegs.Count);
        Assert.Equal(Records, customerLegs.Select(p => p.To).Distinct().Count());
        Assert.Equal(Records, states["Completed"]);
        var stats = await Json(await SendAsync(http, admin, HttpMethod.Get, "/api/v1/campaigns/renewals/stats"));
        Assert.Equal(Records, stats.GetProperty("dispositions").GetProperty("Sale").GetInt32());
        // A call the kill caught before Twilio took it counts as a failed attempt of its record, which was then dialed again.
        Assert.All(stats.GetProperty("dispositions").EnumerateObject(), d => Assert.Contains(d.Name, new[] { "Sale", "Failed" }));
    }

    /// <summary>For a failed run: every record's row, the calls still in progress, the legs Twilio rang, the agents, the server's last errors.</summary>
    private async Task TellWhatWasLeftAsync(HttpClient http, string admin, string[] agents, ChildProcess server, FakeTwilio twilio)
    {
        await using var connection = await database.CreateDialect().OpenAsync();
        await using var command = connection.Query("SELECT name, status, agent_id, detail FROM calling_records");
        await using var reader = await command.ExecuteReaderAsync();
        var calls = new List<string>();
        while (await reader.ReadAsync())
        {
            output.WriteLine($"left: {reader.GetValue(0)} {reader.GetValue(1)} '{reader.GetValue(2)}' {reader.GetValue(3)}");
            if (Convert.ToInt32(reader.GetValue(1)) == 2) calls.Add(JsonDocument.Parse(reader.GetString(3)).RootElement.GetProperty("history")[0].GetProperty("callId").GetString()!);
        }
        foreach (var call in calls) output.WriteLine("left: call " + await (await SendAsync(http, admin, HttpMethod.Get, $"/api/v1/calls/{call}")).Content.ReadAsStringAsync());
        output.WriteLine("left: legs " + string.Join(" ", twilio.Participants.Select(p => p.To + "/" + p.CallSid)));
        for (var i = 0; i < agents.Length; i++) output.WriteLine("left: agent " + await (await SendAsync(http, agents[i], HttpMethod.Get, $"/api/v1/agents/a{i}")).Content.ReadAsStringAsync());
        output.WriteLine("left: errors " + server.ErrorTail);
    }

    private static async Task PutCampaignAsync(HttpClient http, string admin)
    {
        await Send(http, admin, HttpMethod.Put, "/api/v1/services/sales", new { name = "Sales", channels = new[] { "voice" }, voiceNumber = SalesNumber });
        await Send(http, admin, HttpMethod.Put, "/api/v1/campaigns/renewals", new
        {
            name = "Renewals", mode = "progressive", serviceId = "sales", autoAccept = true, timeZone = "UTC", retryMinutes = 0,
            callingHours = new { from = "00:00", to = "23:59" }, dispositions = new object[] { new { name = "Sale", outcome = "final" } },
        });
        var csv = string.Join("\n", ["name,phone1", .. Enumerable.Range(0, Records).Select(i => $"Customer {i},+1 212 555 {100 + i:D4}")]);
        using var import = new HttpRequestMessage(HttpMethod.Post, "/api/v1/campaigns/renewals/lists") { Content = new StringContent(csv, System.Text.Encoding.UTF8, "text/csv") };
        import.Headers.Authorization = new("Bearer", admin);
        (await http.SendAsync(import)).EnsureSuccessStatusCode();
    }

    /// <summary>
    /// Twilio's side: every customer who is rung answers as a person, every agent's phone answers.
    /// A callback the server cannot take (it is down) is sent again, as Twilio does. A number rung
    /// while an earlier call to it is still up is noted.
    /// </summary>
    private static async Task AnswerEveryCallAsync(FakeTwilio twilio, ConcurrentQueue<string> ringingTwice, CancellationToken stop)
    {
        var handled = 0;
        var up = new HashSet<string>();
        while (!stop.IsCancellationRequested)
        {
            var legs = twilio.Participants;
            for (; handled < legs.Count; handled++)
            {
                var leg = legs[handled];
                if (leg.To.StartsWith("client:", StringComparison.Ordinal))
                {
                    await UntilTakenAsync(() => twilio.ReportLegAsync(leg, "in-progress"), stop);
                    continue;
                }
                if (!up.Add(leg.To)) ringingTwice.Enqueue(leg.To);
                await UntilTakenAsync(() => twilio.ReportLegAsync(leg, "in-progress"), stop);
                await UntilTakenAsync(() => twilio.AnsweredByAsync(leg, "human"), stop);
            }
            foreach (var number in up.Where(n => legs.Any(l => l.To == n && twilio.HungUp.Contains(l.CallSid))).ToList()) up.Remove(number);
            await Task.Delay(20, CancellationToken.None);
        }
    }

    /// <summary>An agent's desktop: gives each connected call of the campaign the disposition Sale, then goes Ready again.</summary>
    private static async Task WorkDesktopAsync(HttpClient http, string agentId, string token, ConcurrentDictionary<string, int> completed, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            await Task.Delay(50, CancellationToken.None);
            try
            {
                var agent = await Json(await SendAsync(http, token, HttpMethod.Get, $"/api/v1/agents/{agentId}"));
                if (agent.GetProperty("state").GetString() == "AfterCallWork")
                {
                    await SendAsync(http, token, HttpMethod.Put, $"/api/v1/agents/{agentId}/state", new { state = "Ready" });
                    continue;
                }
                foreach (var call in agent.GetProperty("interactions").EnumerateArray().Where(i => i.GetProperty("kind").GetString() == "call"))
                {
                    var callId = call.GetProperty("id").GetString()!;
                    var view = await Json(await SendAsync(http, token, HttpMethod.Get, $"/api/v1/calls/{callId}"));
                    if (view.GetProperty("state").GetString() != "Connected") continue;
                    var done = await SendAsync(http, token, HttpMethod.Put, $"/api/v1/calls/{callId}/disposition", new { disposition = "Sale" });
                    if (done.IsSuccessStatusCode) completed.TryAdd(view.GetProperty("recordId").GetString()!, 0);
                }
            }
            catch (Exception e) when (e is HttpRequestException or JsonException or KeyNotFoundException or InvalidOperationException)
            {
                // The server is down, or answered a problem while starting: look again.
            }
        }
    }

    private static async Task UntilTakenAsync(Func<Task<HttpResponseMessage>> send, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                if ((await send()).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(100, CancellationToken.None);
        }
    }

    private static async Task<Dictionary<string, int>> StatesAsync(HttpClient http, string admin)
    {
        var response = await SendAsync(http, admin, HttpMethod.Get, "/api/v1/campaigns/renewals/stats");
        if (!response.IsSuccessStatusCode) return [];
        return (await Json(response)).GetProperty("states").EnumerateObject().ToDictionary(s => s.Name, s => s.Value.GetInt32());
    }
}

[Collection(ServerProcessCollection.Name)]
public sealed class SqliteDialerKillTests(ITestOutputHelper output) : DialerKillSuite(DatabaseKind.Sqlite, output);

[Collection(ServerProcessCollection.Name)]
public sealed class PostgresDialerKillTests(ITestOutputHelper output) : DialerKillSuite(DatabaseKind.Postgres, output);
