using Contact.Api.OpenApi;

namespace Contact.Tests.Support;

public sealed record SseEvent(long Id, string Type, string Data);

/// <summary>Reads Server-Sent Events from a response stream, skipping comments.</summary>
public sealed class SseReader(Stream stream) : IDisposable
{
    private readonly StreamReader reader = new(stream);

    /// <summary>Opens the event stream at <paramref name="path"/>.</summary>
    public static async Task<SseReader> OpenAsync(HttpClient client, string path)
    {
        var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, path), HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return new SseReader(await response.Content.ReadAsStreamAsync());
    }

    public async Task<SseEvent> NextAsync(TimeSpan within)
    {
        using var timeout = new CancellationTokenSource(within);
        long id = 0;
        string? type = null, data = null;
        while (true)
        {
            var line = await reader.ReadLineAsync(timeout.Token) ?? throw new EndOfStreamException("The stream ended.");
            if (line.Length == 0)
            {
                if (type is null) continue;
                // Every event a test meets is one the OpenAPI document lists for the live streams.
                Assert.True(LiveEvents.IsDeclared(type), $"The event '{type}' is not in LiveEvents, so not in the OpenAPI document.");
                return new SseEvent(id, type, data ?? "");
            }
            if (line.StartsWith(':')) continue;
            var colon = line.IndexOf(':');
            var (field, value) = (line[..colon], line[(colon + 1)..].TrimStart());
            switch (field)
            {
                case "id": id = long.Parse(value); break;
                case "event": type = value; break;
                case "data": data = value; break;
            }
        }
    }

    /// <summary>Skips events until one of <paramref name="type"/> arrives.</summary>
    public async Task<SseEvent> Until(string type, TimeSpan within)
    {
        while (true)
        {
            var next = await NextAsync(within);
            if (next.Type == type) return next;
        }
    }

    public void Dispose() => reader.Dispose();
}
