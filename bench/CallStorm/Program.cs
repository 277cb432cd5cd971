using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using System.Xml.Linq;
using Contact.Bench.ChatLoad;
using static Contact.Bench.ChatLoad.BenchHttp;
using Contact.Tests.Support;

// A storm of inbound calls against a running server: Twilio's incoming-call webhooks, signed, at a
// fixed rate (open loop, each from a caller of its own), while agents Ready on their event streams
// answer each call.offered, talk for a while and release the call. Measured: the webhook's answer
// time, and the time from the webhook's start to call.offered on the agent's stream. The baseline,
// in the same run on the same server and agents: web chats started at the same rate, from the
// start's POST to chat.offered (accepted, then ended after the same time). Twilio's REST side (the
// agent's leg rung into the call's conference, the hang-ups) is the tests' stand-in on a real socket.
// With the server's process id, the server's CPU time per interaction is printed too (from /proc).
// Usage: CallStorm <base url> <admin password> <stand-in port> [agents] [per second] [seconds] [warm-up seconds] [talk seconds] [server pid]
var baseUrl = new Uri(args[0]);
var adminPassword = args[1];
var standInPort = int.Parse(args[2]);
var agents = args.Length > 3 ? int.Parse(args[3]) : 500;
var rate = args.Length > 4 ? double.Parse(args[4]) : 200;
var seconds = args.Length > 5 ? double.Parse(args[5]) : 20;
var warmUp = TimeSpan.FromSeconds(args.Length > 6 ? double.Parse(args[6]) : 5);
var talk = TimeSpan.FromSeconds(args.Length > 7 ? double.Parse(args[7]) : 1);
var serverPid = args.Length > 8 ? int.Parse(args[8]) : (int?)null;
const string serviceNumber = "+15550100000";

await using var twilio = await FakeTwilio.StartAsync($"http://127.0.0.1:{standInPort}");
using var streamsHttp = new HttpClient { BaseAddress = baseUrl, Timeout = Timeout.InfiniteTimeSpan };
using var http = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromMinutes(1) };
using var stop = new CancellationTokenSource();
var clock = Stopwatch.StartNew();

var admin = await Token("admin", adminPassword);
await Send(HttpMethod.Put, "/api/v1/services/storm", admin, new { name = "Storm", channels = new[] { "voice", "chat" }, voiceNumber = serviceNumber, offerTimeoutSeconds = 120 });

// When each interaction was offered, by its id (a call's or a chat's), and the agents' failures.
var offeredAt = new ConcurrentDictionary<string, TimeSpan>();
var handling = new ConcurrentBag<Task>();
var agentFailures = 0;
var live = new List<TaskCompletionSource>();
var streams = new List<Task>();
for (var i = 0; i < agents; i++)
{
    var id = $"agent{i}";
    await Send(HttpMethod.Put, $"/api/v1/agents/{id}", admin, new { name = id, password = $"password-{i}", services = new[] { "storm" }, maxChats = 1 });
    var token = await Token(id, $"password-{i}");
    await Send(HttpMethod.Post, $"/api/v1/agents/{id}/session", token, null);
    var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    live.Add(signal);
    streams.Add(Sse.ReadAsync(streamsHttp, Request(HttpMethod.Get, $"/api/v1/agents/{id}/events", token), (type, data) =>
    {
        var kind = type switch { "call.offered" => "calls", "chat.offered" => "chats", _ => null };
        if (kind is null) return;
        var interaction = JsonDocument.Parse(data).RootElement.GetProperty("interactionId").GetString()!;
        offeredAt[interaction] = clock.Elapsed;
        handling.Add(HandleAsync(kind, interaction, token));
    }, signal, stop.Token));
    await Send(HttpMethod.Put, $"/api/v1/agents/{id}/state", token, new { state = "Ready" });
}
await Task.WhenAll(live.Select(l => l.Task)).WaitAsync(TimeSpan.FromMinutes(2));

Console.WriteLine($"agents: {agents}, offered load: {rate:N0}/s, measured: {seconds} s after {warmUp.TotalSeconds} s warm-up, talk time: {talk.TotalSeconds} s");
var chatLine = await StormAsync("chats", "web chats (baseline): start POST", StartChatAsync);
var caller = 0;
var callLine = await StormAsync("calls", "inbound calls: Twilio webhook", CallInAsync);
stop.Cancel();
Console.WriteLine(chatLine);
Console.WriteLine(callLine);
return;

// Sends `start` at the rate for warm-up + seconds, waits for every offer, and prints the figures.
async Task<string> StormAsync(string kind, string label, Func<Task<string>> start)
{
    var sentAt = new ConcurrentDictionary<string, TimeSpan>();
    var answers = new ConcurrentBag<(TimeSpan At, double Ms)>();
    var failed = 0;
    var agentFailuresBefore = Volatile.Read(ref agentFailures);
    var begin = clock.Elapsed;
    var cpuBefore = ServerCpu();
    var until = begin + warmUp + TimeSpan.FromSeconds(seconds);
    var interval = TimeSpan.FromSeconds(1 / rate);
    var sends = new List<Task>();
    for (var next = begin; next < until; next += interval)
    {
        if (next > clock.Elapsed) await Task.Delay(next - clock.Elapsed);
        sends.Add(Task.Run(async () =>
        {
            var started = clock.Elapsed;
            try
            {
                var id = await start();
                sentAt[id] = started;
                answers.Add((started, (clock.Elapsed - started).TotalMilliseconds));
            }
            catch (Exception error)
            {
                if (Interlocked.Increment(ref failed) == 1) Console.WriteLine($"  {kind}: the first failure: {error.Message}");
            }
        }));
    }
    await Task.WhenAll(sends);
    var waited = Stopwatch.StartNew();
    while (sentAt.Keys.Any(id => !offeredAt.ContainsKey(id)) && waited.Elapsed < TimeSpan.FromSeconds(30)) await Task.Delay(100);
    var lost = sentAt.Keys.Count(id => !offeredAt.ContainsKey(id));
    // Every agent is back to Ready before the next storm.
    await Task.WhenAll(handling);
    var cpu = ServerCpu() - cpuBefore;

    var measured = begin + warmUp;
    var answered = answers.Where(a => a.At >= measured).Select(a => a.Ms).Order().ToArray();
    var toOffer = sentAt.Where(s => s.Value >= measured && offeredAt.ContainsKey(s.Key))
        .Select(s => (offeredAt[s.Key] - s.Value).TotalMilliseconds).Order().ToArray();
    return $"{label} p50 {Percentile(answered, 0.50),6:N1} ms, p99 {Percentile(answered, 0.99),6:N1} ms; " +
           $"to {kind[..^1]}.offered p50 {Percentile(toOffer, 0.50),6:N1} ms, p99 {Percentile(toOffer, 0.99),6:N1} ms, max {Percentile(toOffer, 1.0),6:N1} ms; " +
           $"sent {sentAt.Count + failed:N0}, failed {failed}, not offered {lost}, agents' answers or hang-ups refused {agentFailures - agentFailuresBefore}" +
           (serverPid is null ? "" : $"; server CPU {cpu.TotalMilliseconds / Math.Max(1, sentAt.Count):N1} ms per {kind[..^1]}");
}

async Task<string> StartChatAsync()
{
    var started = await (await http.PostAsJsonAsync("/api/v1/public/chats", new { serviceId = "storm", customer = new { name = "Storm customer" } }))
        .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
    return started.GetProperty("chatId").GetString()!;
}

// The call's id is in the conference the TwiML answer puts the caller in (call-{callId}).
async Task<string> CallInAsync()
{
    var n = Interlocked.Increment(ref caller);
    var answer = await twilio.CallInAsync(new Uri(baseUrl, "/api/v1/twilio/voice").ToString(), $"CA{Guid.NewGuid():N}", $"+1555{n:D7}", serviceNumber);
    var twiml = XDocument.Parse(await answer.EnsureSuccessStatusCode().Content.ReadAsStringAsync());
    return twiml.Descendants("Conference").Single().Value["call-".Length..];
}

// The agent answers at once (or accepts the chat), talks, and hangs up (or ends the chat). A
// refusal is counted (and the first one shown): an overloaded server answers 503 after 30 s.
async Task HandleAsync(string kind, string id, string token)
{
    try
    {
        await Send(HttpMethod.Post, $"/api/v1/{kind}/{id}/{(kind == "calls" ? "answer" : "accept")}", token, null);
        await Task.Delay(talk);
        await Send(HttpMethod.Post, $"/api/v1/{kind}/{id}/{(kind == "calls" ? "release" : "end")}", token, null);
    }
    catch (HttpRequestException refused)
    {
        if (Interlocked.Increment(ref agentFailures) == 1) Console.WriteLine($"  the first refusal of an agent's answer or hang-up: {refused.Message}");
    }
}

// The server's user and system CPU time so far (clock ticks of /proc/<pid>/stat, 100 a second on Linux).
TimeSpan ServerCpu()
{
    if (serverPid is null) return TimeSpan.Zero;
    var fields = File.ReadAllText($"/proc/{serverPid}/stat").Split(')')[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
    return TimeSpan.FromSeconds((long.Parse(fields[11]) + long.Parse(fields[12])) / 100.0);
}

Task Send(HttpMethod method, string path, string token, object? body) => BenchHttp.SendAsync(http, method, path, token, body);

Task<string> Token(string username, string password) => BenchHttp.TokenAsync(http, username, password);
