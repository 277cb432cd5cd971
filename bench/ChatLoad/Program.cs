using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Contact.Bench.ChatLoad;
using static Contact.Bench.ChatLoad.BenchHttp;

// 1,000 concurrent chats against a running server: each chat plays ping-pong, the customer posts,
// the agent's stream delivers it, the agent answers, the customer's stream delivers that. Every
// message is timed from the start of its POST to its arrival on the other side's SSE stream.
// With a rate, the chats together send that many messages per second, each chat on its own
// schedule (open loop: a slow answer does not slow the sender down, as with real people); with
// rate 0 every chat sends its next message as soon as the last one arrived (the most the server
// can take, with 1,000 messages always in flight).
// Usage: ChatLoad <base url> <admin password> [chats] [agents] [seconds] [messages per second, 0 = flat out] [warm-up seconds]
var baseUrl = new Uri(args[0]);
var adminPassword = args[1];
var chats = args.Length > 2 ? int.Parse(args[2]) : 1000;
var agents = args.Length > 3 ? int.Parse(args[3]) : 50;
var seconds = args.Length > 4 ? double.Parse(args[4]) : 10;
var rate = args.Length > 5 ? double.Parse(args[5]) : 0;
// A fresh server runs partly unoptimised code for its first seconds under load (tiered JIT).
var warmUp = TimeSpan.FromSeconds(args.Length > 6 ? double.Parse(args[6]) : 10);
var perAgent = (chats + agents - 1) / agents;

// Event streams hold one connection each; posts share at most one connection per chat, as if
// each customer had its own browser (an open-loop sender must not open sockets without bound).
using var streamsHttp = new HttpClient { BaseAddress = baseUrl, Timeout = Timeout.InfiniteTimeSpan };
using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = chats }) { BaseAddress = baseUrl, Timeout = TimeSpan.FromMinutes(5) };
using var stop = new CancellationTokenSource();

var admin = await Token("admin", adminPassword);
await Send(HttpMethod.Put, "/api/v1/services/bench", admin, new { name = "Bench", channels = new[] { "chat" }, offerTimeoutSeconds = 600 });

// Agents: Ready, each streaming its events; an offer is accepted at once.
var waiting = new ConcurrentDictionary<string, TaskCompletionSource>();
var accepted = new ConcurrentDictionary<string, string>();
var accepts = new ConcurrentBag<Task>();
var agentTokens = new string[agents];
var streams = new List<Task>();
var live = new List<TaskCompletionSource>();
TaskCompletionSource NewLive()
{
    var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    live.Add(signal);
    return signal;
}
for (var i = 0; i < agents; i++)
{
    var id = $"agent{i}";
    await Send(HttpMethod.Put, $"/api/v1/agents/{id}", admin, new { name = id, password = $"password-{i}", services = new[] { "bench" }, maxChats = perAgent });
    var token = agentTokens[i] = await Token(id, $"password-{i}");
    await Send(HttpMethod.Post, $"/api/v1/agents/{id}/session", token, null);
    streams.Add(Sse.ReadAsync(streamsHttp, Request(HttpMethod.Get, $"/api/v1/agents/{id}/events", token), (type, data) =>
    {
        var e = JsonDocument.Parse(data).RootElement;
        if (type == "chat.offered")
        {
            var chatId = e.GetProperty("interactionId").GetString()!;
            accepted[chatId] = token;
            accepts.Add(Send(HttpMethod.Post, $"/api/v1/chats/{chatId}/accept", token, null));
        }
        else if (type == "chat.message" && waiting.TryRemove(e.GetProperty("text").GetString()!, out var arrived)) arrived.TrySetResult();
    }, NewLive(), stop.Token));
    await Send(HttpMethod.Put, $"/api/v1/agents/{id}/state", token, new { state = "Ready" });
}

// Chats: started, accepted, then each customer streams its own chat.
var customers = new (string ChatId, string Token)[chats];
await Parallel.ForEachAsync(Enumerable.Range(0, chats), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, _) =>
{
    var started = await (await http.PostAsJsonAsync("/api/v1/public/chats", new { serviceId = "bench", customer = new { name = $"Customer {i}", visitorId = $"visitor-{i}" } }))
        .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
    customers[i] = (started.GetProperty("chatId").GetString()!, started.GetProperty("customerToken").GetString()!);
});
var setupClock = Stopwatch.StartNew();
while (customers.Count(c => accepted.ContainsKey(c.ChatId)) < chats && setupClock.Elapsed < TimeSpan.FromMinutes(2)) await Task.Delay(100);
await Task.WhenAll(accepts);
foreach (var (chatId, token) in customers)
{
    var request = Request(HttpMethod.Get, $"/api/v1/public/chats/{chatId}/events", null);
    request.Headers.Add("X-Customer-Token", token);
    streams.Add(Sse.ReadAsync(streamsHttp, request, (type, data) =>
    {
        if (type == "chat.message" && waiting.TryRemove(JsonDocument.Parse(data).RootElement.GetProperty("text").GetString()!, out var arrived)) arrived.TrySetResult();
    }, NewLive(), stop.Token));
}
// A stream without Last-Event-ID starts when it goes live: send nothing before every one is.
await Task.WhenAll(live.Select(l => l.Task)).WaitAsync(TimeSpan.FromMinutes(2));

// Each delivery: the second of the run its message was posted in, and how long it took.
var latencies = new ConcurrentBag<(int Second, double Ms)>();
var delivered = 0L;
var clock = Stopwatch.StartNew();
var until = warmUp + TimeSpan.FromSeconds(seconds);
// Each chat sends one message per interval, alternating customer and agent, from a random offset.
var interval = rate > 0 ? TimeSpan.FromSeconds(chats / rate) : TimeSpan.Zero;
await Task.WhenAll(customers.Select((c, i) => Task.Run(async () =>
{
    var agentToken = accepted[c.ChatId];
    var next = interval * Random.Shared.NextDouble();
    var sends = new List<Task>();
    for (var n = 0; clock.Elapsed < until; n++)
    {
        if (rate > 0)
        {
            if (next > clock.Elapsed) await Task.Delay(next - clock.Elapsed);
            next += interval;
        }
        var send = n % 2 == 0
            ? Exchange($"c{i}-{n}", $"/api/v1/public/chats/{c.ChatId}/messages", null, c.Token)
            : Exchange($"a{i}-{n}", $"/api/v1/chats/{c.ChatId}/messages", agentToken, null);
        if (rate > 0) sends.Add(send);
        else await send;
    }
    await Task.WhenAll(sends);
})));
stop.Cancel();

var sorted = latencies.Select(l => l.Ms).Order().ToArray();
Console.WriteLine($"chats: {chats}, agents: {agents}, offered load: {(rate > 0 ? $"{rate:N0} messages/s" : "flat out")}, measured: {seconds} s after {warmUp.TotalSeconds} s warm-up");
Console.WriteLine($"messages persisted and delivered on SSE per second: {delivered / seconds,10:N0}");
Console.WriteLine($"post to delivery latency p50: {Percentile(sorted, 0.50),8:N1} ms   p99: {Percentile(sorted, 0.99),8:N1} ms   max: {sorted[^1],8:N1} ms");
Console.WriteLine("p99 of each second (ms): " + string.Join(" ", latencies.GroupBy(l => l.Second).OrderBy(g => g.Key)
    .Select(g => Percentile(g.Select(l => l.Ms).Order().ToArray(), 0.99).ToString("N0"))));
return;

async Task Exchange(string text, string path, string? bearer, string? customerToken)
{
    var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    waiting[text] = arrived;
    var started = clock.Elapsed;
    var request = Request(HttpMethod.Post, path, bearer);
    if (customerToken is not null) request.Headers.Add("X-Customer-Token", customerToken);
    // With its length, as a browser sends it (JsonContent would go chunked).
    request.Content = new StringContent(JsonSerializer.Serialize(new { text }), Encoding.UTF8, "application/json");
    (await http.SendAsync(request)).EnsureSuccessStatusCode();
    try
    {
        await arrived.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }
    catch (TimeoutException)
    {
        throw new TimeoutException($"Message '{text}' posted to {path} was not delivered within 30 s.");
    }
    if (started < warmUp || clock.Elapsed > until) return;
    latencies.Add(((int)started.TotalSeconds, (clock.Elapsed - started).TotalMilliseconds));
    Interlocked.Increment(ref delivered);
}

Task Send(HttpMethod method, string path, string token, object? body) => BenchHttp.SendAsync(http, method, path, token, body);

Task<string> Token(string username, string password) => BenchHttp.TokenAsync(http, username, password);
