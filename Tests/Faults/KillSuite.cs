using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Contact.Tests.Support;
using static Contact.Tests.Support.Http;

namespace Contact.Tests.Faults;

/// <summary>
/// Kills real server processes with SIGKILL and checks that everything acknowledged is still
/// there after a restart, on each database.
/// </summary>
public abstract class KillSuite(DatabaseKind kind) : ServerProcessTestBase(kind)
{
    [Fact]
    public async Task Every_state_change_answered_2xx_survives_a_SIGKILL()
    {
        const int agents = 8;
        var port = SiloPorts.Free();
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        var server = StartApi(port);
        await WaitUntilReady(http);
        var tokens = await CreateAgents(http, agents);

        // Each agent flips between Ready and NotReady as fast as it can; the server is killed mid-stream.
        var acknowledged = new ConcurrentDictionary<int, List<string>>();
        var stop = new CancellationTokenSource();
        var loops = Enumerable.Range(0, agents).Select(i => Task.Run(() => FlipStates(http, i, tokens[i], acknowledged, stop.Token))).ToList();
        while (acknowledged.Values.Sum(list => list.Count) < 400) await Task.Delay(5);
        server.Kill();
        await stop.CancelAsync();
        await Task.WhenAll(loops);
        server.Dispose();

        using var restarted = StartApi(port);
        await WaitUntilReady(http);
        for (var i = 0; i < agents; i++)
        {
            // The tokens issued before the crash still work: the signing key is stored too.
            var history = await History(http, i, tokens[i]);
            var acked = acknowledged.GetValueOrDefault(i) ?? [];
            Assert.Equal(acked, history.Take(acked.Count));
            Assert.InRange(history.Count, acked.Count, acked.Count + 1);
        }
    }

    [Fact]
    public async Task A_wrap_up_due_while_the_process_was_down_ends_within_a_minute_of_the_restart()
    {
        var first = StartFaultHost();
        Assert.Equal("ready", await first.ReadLineAsync(patience));
        await first.Input.WriteLineAsync("wrapup ann 600");
        await first.Input.FlushAsync();
        Assert.Equal("ok AfterCallWork", await first.ReadLineAsync(patience));
        first.Kill();
        first.Dispose();

        // Twenty minutes later, as far as the new process can tell.
        using var second = StartFaultHost("--clock-offset-minutes", "20");
        Assert.Equal("ready", await second.ReadLineAsync(patience));
        // The deadline's reminder ticks once a minute: it acts within a minute of the restart.
        var state = "";
        var until = DateTime.UtcNow + patience + TimeSpan.FromSeconds(30);
        while (state != "state Ready" && DateTime.UtcNow < until)
        {
            await second.Input.WriteLineAsync("state ann");
            await second.Input.FlushAsync();
            state = await second.ReadLineAsync(patience);
            if (state != "state Ready") await Task.Delay(100);
        }
        Assert.Equal("state Ready", state);
    }

    [Fact]
    public async Task A_call_killed_mid_conversation_is_whole_after_the_restart_and_the_callback_Twilio_retries_ends_it_once()
    {
        await using var twilio = await FakeTwilio.StartAsync();
        var (server, http, admin, port, settings) = await StartWithTwilioAsync(twilio);
        using var _ = http;
        var baseUrl = http.BaseAddress!.ToString().TrimEnd('/');
        await Send(http, admin, HttpMethod.Put, "/api/v1/services/sales",
            new { name = "Sales", channels = new[] { "voice" }, wrapUpSeconds = 600, voiceNumber = "+15550100000" });
        var ann = (await CreateAgents(http, 1))[0];
        await Send(http, ann, HttpMethod.Put, "/api/v1/agents/a0/state", new { state = "Ready" });
        await Send(http, admin, HttpMethod.Put, "/api/v1/agents/a0", new { services = new[] { "sales" } });

        const string callId = "CA0123456789abcdef0123456789abcdef";
        (await twilio.CallInAsync($"{baseUrl}/api/v1/twilio/voice", callId, "+15550199999", "+15550100000")).EnsureSuccessStatusCode();
        await Eventually.Until(() => SendAsync(http, ann, HttpMethod.Post, $"/api/v1/calls/{callId}/answer"), r => r.IsSuccessStatusCode);
        (await twilio.ReportLegAsync(Assert.Single(twilio.Participants), "in-progress")).EnsureSuccessStatusCode();
        server.Kill();
        server.Dispose();

        // The caller hangs up while the server is down: Twilio cannot deliver it, and tries again later.
        var hangUp = () => twilio.ConferenceEventAsync($"{baseUrl}/api/v1/twilio/voice/conference?callId={callId}", $"call-{callId}", "participant-leave", callId);
        await Assert.ThrowsAsync<HttpRequestException>(hangUp);

        using var restarted = StartApi(port, settings);
        await WaitUntilReady(http);
        Assert.Equal("Connected", (await Json(await SendAsync(http, ann, HttpMethod.Get, $"/api/v1/calls/{callId}"))).GetProperty("state").GetString());
        Assert.Equal("Busy", await StateOf(http, ann));

        Assert.Equal(System.Net.HttpStatusCode.NoContent, (await hangUp()).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.NoContent, (await hangUp()).StatusCode);
        var call = await Json(await SendAsync(http, ann, HttpMethod.Get, $"/api/v1/calls/{callId}"));
        Assert.Equal(("Ended", "the customer hung up"), (call.GetProperty("state").GetString(), call.GetProperty("endReason").GetString()));
        Assert.Equal("AfterCallWork", await StateOf(http, ann));
        var history = await Json(await SendAsync(http, ann, HttpMethod.Get, "/api/v1/agents/a0/history"));
        Assert.Single(history.EnumerateArray(), e => e.GetProperty("change").GetProperty("to").GetString() == "AfterCallWork");
    }

    private static async Task<string> StateOf(HttpClient http, string token) =>
        (await Json(await SendAsync(http, token, HttpMethod.Get, "/api/v1/agents/a0"))).GetProperty("state").GetString()!;

    private ChildProcess StartFaultHost(params string[] args) =>
        ChildProcess.Start("Contact.Tests.FaultHost.dll", Settings(), workingDirectory, args);

    private static async Task FlipStates(HttpClient http, int agent, string token, ConcurrentDictionary<int, List<string>> acknowledged, CancellationToken stop)
    {
        var mine = acknowledged.GetOrAdd(agent, _ => []);
        for (var n = 0; !stop.IsCancellationRequested; n++)
        {
            var state = n % 2 == 0 ? "Ready" : "NotReady";
            using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/agents/a{agent}/state")
            {
                Content = JsonContent.Create(new { state }),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            HttpResponseMessage response;
            try
            {
                response = await http.SendAsync(request, stop);
            }
            catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
            {
                // The server is gone: whatever was not answered may or may not have landed.
                return;
            }
            if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"Agent a{agent} got {response.StatusCode} before the kill.");
            lock (mine) mine.Add(state);
        }
    }

    private static async Task<List<string>> History(HttpClient http, int agent, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/agents/a{agent}/history?limit=1000");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        var rows = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.EnumerateArray();
        // The first row is the session start (LoggedOut -> NotReady); the flips follow it.
        return rows.Skip(1).Select(r => r.GetProperty("change").GetProperty("to").GetString()!).ToList();
    }
}

[Collection(ServerProcessCollection.Name)]
public sealed class SqliteKillTests() : KillSuite(DatabaseKind.Sqlite);

[Collection(ServerProcessCollection.Name)]
public sealed class PostgresKillTests() : KillSuite(DatabaseKind.Postgres);
