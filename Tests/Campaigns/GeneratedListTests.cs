using System.Net;
using System.Net.Http.Json;
using System.Text;
using Contact.Tests.Support;
using CsCheck;
using static Contact.Tests.Support.Http;

namespace Contact.Tests.Campaigns;

/// <summary>
/// Random calling lists, written from rows the test knows (fields with commas, quotes, line breaks,
/// spaces and any letters, quoted as RFC 4180 says), some then broken on purpose: a good file loads
/// exactly the rows it was written from, a broken one is refused whole and loads nothing.
/// </summary>
public sealed class GeneratedListTests : IAsyncLifetime
{
    private readonly Database database = new(DatabaseKind.Sqlite);
    private ApiFactory api = null!;
    private HttpClient admin = null!;
    private int campaigns;

    public async Task InitializeAsync()
    {
        api = new ApiFactory(database);
        await api.PutServiceAsync("sales", new { name = "Sales", channels = new[] { "chat" } });
        admin = await api.AdminAsync();
    }

    public async Task DisposeAsync()
    {
        admin.Dispose();
        await api.DisposeAsync();
        database.Dispose();
    }

    private static readonly Gen<string> field = Gen.String[Gen.Char["abcXYZ éЖ中,\"\n\r' ;\t-"], 0, 12];

    [Fact]
    public async Task A_list_loads_exactly_the_rows_it_was_written_from_or_nothing()
    {
        var lists = Gen.Select(Gen.Select(field, field).Array[1, 30], Gen.Int[0, 3], Gen.Bool, Gen.Int);
        await lists.SampleAsync(async (rows, breakage, crlf, seed) =>
        {
            var campaign = $"gen{Interlocked.Increment(ref campaigns)}";
            (await admin.PutAsJsonAsync($"/api/v1/campaigns/{campaign}", new { name = "Generated", mode = "Preview", serviceId = "sales", timeZone = "UTC" }))
                .EnsureSuccessStatusCode();
            var newline = crlf ? "\r\n" : "\n";
            var text = new StringBuilder("name,phone1,notes" + newline);
            for (var i = 0; i < rows.Length; i++) text.Append($"{Quoted(rows[i].Item1)},+1212555{i:D4},{Quoted(rows[i].Item2)}{newline}");
            var csv = text.ToString();
            var broken = breakage switch
            {
                1 => csv + "\"never closed,+12125559999," + newline,
                2 => csv + "stray\"quote,+12125559998," + newline,
                _ => null,
            };
            var response = await admin.PostAsync($"/api/v1/campaigns/{campaign}/lists", new StringContent(broken ?? csv, Encoding.UTF8, "text/csv"));
            var stats = await Json(await admin.GetAsync($"/api/v1/campaigns/{campaign}/stats"));
            if (broken is not null)
            {
                await AssertProblem(response, HttpStatusCode.BadRequest, "csv-malformed");
                Assert.Equal(0, stats.GetProperty("records").GetInt32());
                return;
            }
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            var report = await Json(response);
            Assert.Equal((rows.Length, rows.Length), (report.GetProperty("rows").GetInt32(), report.GetProperty("accepted").GetInt32()));
            var importId = report.GetProperty("importId").GetString();
            var row = new Random(seed).Next(rows.Length);
            var record = await Json(await admin.GetAsync($"/api/v1/records/{importId}-{row + 2}"));
            Assert.Equal(rows[row].Item1.Trim(), record.GetProperty("customerName").GetString());
            Assert.Equal(rows[row].Item2, record.GetProperty("fields").TryGetProperty("notes", out var notes) ? notes.GetString() : null);
        }, iter: 60, threads: 1);
    }

    /// <summary>A field as RFC 4180 writes it: quoted, quotes doubled, when it holds a separator, a quote or a line break; else as is.</summary>
    private static string Quoted(string value) =>
        value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
}
