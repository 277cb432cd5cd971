using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Contact.Tests.Support;

namespace Contact.Tests.Faults;

/// <summary>Real server processes on one database, and the requests the tests that kill them send.</summary>
public abstract class ServerProcessTestBase(DatabaseKind kind) : IDisposable
{
    protected const string AdminPassword = "admin-secret-1";
    protected static readonly TimeSpan patience = TimeSpan.FromSeconds(60);
    protected readonly Database database = new(kind);
    protected readonly string workingDirectory = Directory.CreateTempSubdirectory("contact-kill").FullName;
    protected readonly IReadOnlyDictionary<string, string> ports = SiloPorts.Fresh();

    public void Dispose()
    {
        database.Dispose();
        Directory.Delete(workingDirectory, recursive: true);
    }

    protected static async Task Send(HttpClient http, string token, HttpMethod method, string path, object? body = null) =>
        (await SendAsync(http, token, method, path, body)).EnsureSuccessStatusCode();

    protected static async Task<HttpResponseMessage> SendAsync(HttpClient http, string token, HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await http.SendAsync(request);
    }

    /// <summary>
    /// A server process whose Twilio is the stand-in, on a port of its own, ready; with the
    /// stand-in's settings for the address, so that a restart (<see cref="StartApi"/> with the
    /// same port and settings) is the same server again.
    /// </summary>
    protected async Task<(ChildProcess Server, HttpClient Http, string Admin, int Port, IReadOnlyDictionary<string, string> Twilio)> StartWithTwilioAsync(FakeTwilio twilio)
    {
        var port = SiloPorts.Free();
        var baseUrl = $"http://127.0.0.1:{port}";
        var settings = twilio.SettingsFor(baseUrl);
        var http = new HttpClient { BaseAddress = new Uri(baseUrl) };
        var server = StartApi(port, settings);
        await WaitUntilReady(http);
        return (server, http, await Token(http, "admin", AdminPassword), port, settings);
    }

    protected ChildProcess StartApi(int port, IReadOnlyDictionary<string, string>? more = null) =>
        ChildProcess.Start("Contact.Api.dll", new Dictionary<string, string>(Settings().Concat(more ?? new Dictionary<string, string>())),
            workingDirectory, "--urls", $"http://127.0.0.1:{port}");

    protected Dictionary<string, string> Settings() => new(database.Settings.Concat(ports))
    {
        ["Contact:Admin:Password"] = AdminPassword,
        ["Logging:LogLevel:Default"] = "Warning",
    };

    protected static async Task WaitUntilReady(HttpClient http)
    {
        var deadline = DateTime.UtcNow + patience;
        while (true)
        {
            try
            {
                if ((await http.GetAsync("/health/ready")).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
            }
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The server did not become ready.");
            await Task.Delay(100);
        }
    }

    protected static async Task<string[]> CreateAgents(HttpClient http, int count)
    {
        var admin = await Token(http, "admin", AdminPassword);
        var tokens = new string[count];
        for (var i = 0; i < count; i++)
        {
            using var put = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/agents/a{i}")
            {
                Content = JsonContent.Create(new { name = $"Agent {i}", password = $"password-{i}" }),
            };
            put.Headers.Authorization = new AuthenticationHeaderValue("Bearer", admin);
            (await http.SendAsync(put)).EnsureSuccessStatusCode();
            tokens[i] = await Token(http, $"a{i}", $"password-{i}");
            using var session = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/agents/a{i}/session");
            session.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens[i]);
            (await http.SendAsync(session)).EnsureSuccessStatusCode();
        }
        return tokens;
    }

    protected static async Task<string> Token(HttpClient http, string username, string password)
    {
        var response = await http.PostAsJsonAsync("/api/v1/auth/token", new { username, password });
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("accessToken").GetString()!;
    }
}
