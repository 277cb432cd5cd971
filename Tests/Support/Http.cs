using System.Net;
using System.Text;
using System.Text.Json;

namespace Contact.Tests.Support;

/// <summary>Reading answers in the HTTP tests.</summary>
public static class Http
{
    public static async Task<JsonElement> Json(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    public static async Task<string> AgentStateAsync(HttpClient client, string agentId) =>
        (await Json(await client.GetAsync($"/api/v1/agents/{agentId}"))).GetProperty("state").GetString()!;

    /// <summary>The answer is problem details with this status and this stable code.</summary>
    public static async Task AssertProblem(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {status}, got {response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(code, JsonDocument.Parse(body).RootElement.GetProperty("code").GetString());
    }

    /// <summary>The JSON of a live event's data.</summary>
    public static JsonElement Data(SseEvent e) => JsonDocument.Parse(e.Data).RootElement;

    /// <summary>The claims of a JSON Web Token (its middle part), read without checking the signature.</summary>
    public static JsonElement JwtClaims(string token)
    {
        var part = token.Split('.')[1];
        var base64 = part.Replace('-', '+').Replace('_', '/').PadRight(part.Length + (4 - part.Length % 4) % 4, '=');
        return JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(base64))).RootElement;
    }
}
