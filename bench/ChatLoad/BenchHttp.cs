using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Contact.Bench.ChatLoad;

/// <summary>The requests the load programs make of the API (bench/CallStorm compiles this file too), and their percentiles.</summary>
internal static class BenchHttp
{
    public static HttpRequestMessage Request(HttpMethod method, string path, string? bearer)
    {
        var request = new HttpRequestMessage(method, path);
        if (bearer is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        return request;
    }

    /// <summary>Sends a JSON body (or none); a refusal throws with its status and problem details.</summary>
    public static async Task SendAsync(HttpClient http, HttpMethod method, string path, string? bearer, object? body)
    {
        var request = Request(method, path, bearer);
        if (body is not null) request.Content = JsonContent.Create(body);
        using var response = await http.SendAsync(request);
        if (!response.IsSuccessStatusCode) throw new HttpRequestException($"{method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    public static async Task<string> TokenAsync(HttpClient http, string username, string password) =>
        (await (await http.PostAsJsonAsync("/api/v1/auth/token", new { username, password })).EnsureSuccessStatusCode()
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;

    /// <summary>The value at <paramref name="p"/> (0 to 1) of values sorted ascending; NaN when there are none.</summary>
    public static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];
}
