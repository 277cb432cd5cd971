namespace Contact.Bench.ChatLoad;

/// <summary>Reads one Server-Sent Events stream and hands each event (type, data) to a callback.</summary>
internal static class Sse
{
    /// <param name="live">Completed when the server says the stream is live (its ": live" comment).</param>
    public static async Task ReadAsync(HttpClient http, HttpRequestMessage request, Action<string, string> onEvent, TaskCompletionSource live,
        CancellationToken stop)
    {
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, stop);
        response.EnsureSuccessStatusCode();
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(stop));
        string? type = null, data = null;
        try
        {
            while (await reader.ReadLineAsync(stop) is { } line)
            {
                if (line.Length == 0)
                {
                    if (type is not null && data is not null) onEvent(type, data);
                    type = data = null;
                }
                else if (line == ": live") live.TrySetResult();
                else if (line.StartsWith("event: ", StringComparison.Ordinal)) type = line[7..];
                else if (line.StartsWith("data: ", StringComparison.Ordinal)) data = line[6..];
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }
}
