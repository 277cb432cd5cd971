using System.Net.Http.Json;
using System.Text.Json;
using Contact.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Playwright;
using static Contact.Tests.Support.Http;

namespace Contact.Tests.Browser;

/// <summary>
/// A chat widget and an agent desktop served from other origins than the API, in a real headless
/// Chromium against a real server: the browser's own CORS checks decide, not a test's reading of
/// headers. The pages come from a second server on loopback, one port per origin.
/// </summary>
public sealed class CrossOriginBrowserTests : IClassFixture<HeadlessChromium>, IAsyncLifetime
{
    private static readonly TimeSpan patience = TimeSpan.FromSeconds(15);
    private readonly Database database = new(DatabaseKind.Sqlite);
    private readonly IBrowser browser;
    private readonly int widgetPort = SiloPorts.Free(), desktopPort = SiloPorts.Free(), strangerPort = SiloPorts.Free();
    private ApiFactory api = null!;
    private WebApplication pages = null!;
    private string apiUrl = "";

    public CrossOriginBrowserTests(HeadlessChromium chromium) => browser = chromium.Chromium;

    public async Task InitializeAsync()
    {
        (api, apiUrl) = ApiFactory.StartOnLoopback(database, _ => new Dictionary<string, string>
        {
            ["Contact:Cors:PublicChatOrigins:0"] = Origin(widgetPort),
            ["Contact:Cors:DesktopOrigins:0"] = Origin(desktopPort),
        });
        pages = await ServePagesAsync(widgetPort, desktopPort, strangerPort);
    }

    public async Task DisposeAsync()
    {
        await pages.DisposeAsync();
        await api.DisposeAsync();
        database.Dispose();
    }

    [Fact]
    public async Task A_widget_on_another_origin_starts_a_chat_gets_the_agents_reply_on_its_stream_and_ends_it()
    {
        using var ann = await api.ReadyAgentAsync("ann");
        using var annEvents = await SseReader.OpenAsync(ann, "/api/v1/agents/ann/events");
        var widget = await OpenAsync(widgetPort, "widget.html");

        var chat = await widget.EvaluateAsync<JsonElement>("api => startChat(api, 'Hello')", apiUrl);
        Assert.Equal(201, chat.GetProperty("status").GetInt32());
        var chatId = chat.GetProperty("chatId").GetString()!;
        // Location is read by the page only because the policy exposes it.
        Assert.Equal($"/api/v1/public/chats/{chatId}", chat.GetProperty("location").GetString());

        await annEvents.Until("chat.offered", patience);
        (await ann.PostAsync($"/api/v1/chats/{chatId}/accept", null)).EnsureSuccessStatusCode();
        await widget.EvaluateAsync("api => listen(api, 'How can I help?')", apiUrl);
        await widget.WaitForFunctionAsync("() => window.streamOpen === true");
        (await ann.PostAsJsonAsync($"/api/v1/chats/{chatId}/messages", new { text = "How can I help?" })).EnsureSuccessStatusCode();

        Assert.Equal("How can I help?", await widget.EvaluateAsync<string>("() => window.reply"));
        Assert.Equal(200, await widget.EvaluateAsync<int>("api => endChat(api)", apiUrl));
        Assert.Equal("Ended", (await Json(await ann.GetAsync($"/api/v1/chats/{chatId}"))).GetProperty("state").GetString());
    }

    [Fact]
    public async Task A_desktop_on_its_own_origin_logs_in_goes_Ready_and_watches_its_events()
    {
        using var ann = await api.CreateAgentAsync("ann");
        (await ann.PostAsync("/api/v1/agents/ann/session", null)).EnsureSuccessStatusCode();
        var desktop = await OpenAsync(desktopPort, "desktop.html");

        Assert.Equal(200, await desktop.EvaluateAsync<int>("api => logIn(api, 'ann', 'password-ann')", apiUrl));
        await desktop.EvaluateAsync("api => { window.event = nextEvent(api, 'ann', 'agent.state'); }", apiUrl);
        await desktop.WaitForFunctionAsync("() => window.streamOpen === true");
        Assert.Equal(200, await desktop.EvaluateAsync<int>("api => setState(api, 'ann', 'Ready')", apiUrl));

        Assert.Equal("Ready", (await desktop.EvaluateAsync<JsonElement>("() => window.event")).GetProperty("to").GetString());
    }

    [Fact]
    public async Task A_page_on_an_origin_that_is_not_allowed_is_refused_by_the_browser()
    {
        await api.PutServiceAsync("sales", new { name = "Sales", channels = new[] { "chat" } });
        var stranger = await OpenAsync(strangerPort, "widget.html");
        // The same call from the widget's origin is answered 201 (the first test).
        Assert.StartsWith("refused", await stranger.EvaluateAsync<string>(
            "api => startChat(api, 'Hello').then(() => 'answered', error => 'refused: ' + error.message)", apiUrl));

        // Each list is for its own routes: the desktop's origin may not start a customer's chat.
        var desktop = await OpenAsync(desktopPort, "widget.html");
        Assert.StartsWith("refused", await desktop.EvaluateAsync<string>(
            "api => startChat(api, 'Hello').then(() => 'answered', error => 'refused: ' + error.message)", apiUrl));
    }

    [Fact]
    public async Task A_preflight_is_answered_without_a_token_and_may_be_cached_and_webhooks_allow_no_page()
    {
        using var http = new HttpClient { BaseAddress = new Uri(apiUrl) };

        using var preflight = await http.SendAsync(Preflight("/api/v1/agents/ann/state", desktopPort, "PUT"));
        Assert.Equal(System.Net.HttpStatusCode.NoContent, preflight.StatusCode);
        Assert.Equal([Origin(desktopPort)], preflight.Headers.GetValues("Access-Control-Allow-Origin"));
        Assert.Equal(["600"], preflight.Headers.GetValues("Access-Control-Max-Age"));

        using var webhook = await http.SendAsync(Preflight("/api/v1/twilio/sms", desktopPort, "POST"));
        Assert.False(webhook.Headers.Contains("Access-Control-Allow-Origin"));
    }

    private static HttpRequestMessage Preflight(string path, int fromPort, string method) => new(HttpMethod.Options, path)
    {
        Headers =
        {
            { "Origin", Origin(fromPort) },
            { "Access-Control-Request-Method", method },
            { "Access-Control-Request-Headers", "authorization,content-type" },
        },
    };

    private async Task<IPage> OpenAsync(int port, string page)
    {
        var context = await browser.NewContextAsync();
        var opened = await context.NewPageAsync();
        await opened.GotoAsync($"{Origin(port)}/{page}");
        return opened;
    }

    private static string Origin(int port) => $"http://127.0.0.1:{port}";

    /// <summary>The static pages, on one server that listens on one port per origin.</summary>
    private static async Task<WebApplication> ServePagesAsync(params int[] ports)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(ports.Select(Origin).ToArray());
        var app = builder.Build();
        app.MapGet("/{page}.html", (string page) =>
            Results.Text(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Browser", page + ".html")), "text/html"));
        await app.StartAsync();
        return app;
    }
}
