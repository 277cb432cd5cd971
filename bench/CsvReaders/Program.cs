using System.Diagnostics;
using System.Globalization;
using System.Text;
using Contact.Grains.Campaigns;
using Sylvan.Data.Csv;

// Reads the same generated calling list (the columns of bench/campaign-import) with each reader,
// every field made a string as the import needs it, in alternating rounds; prints rows/s.
var rows = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1_000_000;
var rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3;
var csv = Encoding.UTF8.GetBytes(Generate(rows));
Console.WriteLine($"{rows:N0} rows, {csv.Length / 1e6:F0} MB of UTF-8, best of {rounds} rounds; every field made a string");

var readers = new List<(string Name, Func<Stream, Task<long>> Read)>
{
    ("the product's CsvRows (CsvHelper)", ReadProduct),
    ("Sylvan.Data.Csv 1.4.4", ReadSylvan),
    ("CsvHelper 34.0.0", ReadCsvHelper),
};
#if PREVIOUS_READER
readers.Insert(0, ("previous hand-written reader (baseline)", ReadPrevious));
#endif
var best = readers.ToDictionary(r => r.Name, _ => 0.0);
for (var round = 0; round < rounds; round++)
{
    foreach (var (name, read) in readers)
    {
        var clock = Stopwatch.StartNew();
        var fields = await read(new MemoryStream(csv, writable: false));
        var rate = rows / clock.Elapsed.TotalSeconds;
        if (fields != rows * 5L + 5) throw new InvalidOperationException($"{name} read {fields} fields");
        best[name] = Math.Max(best[name], rate);
    }
}
var baseline = best[readers[0].Name];
foreach (var (name, _) in readers) Console.WriteLine($"  {name,-48} {best[name],12:N0} rows/s  ({best[name] / baseline:F2}x)");

static async Task<long> ReadProduct(Stream bytes)
{
    await using var rows = CsvRows.Open(bytes);
    long fields = 0;
    while (await rows.ReadAsync(CancellationToken.None) is { } row) fields += row.Length;
    return fields;
}

static async Task<long> ReadSylvan(Stream bytes)
{
    var options = new CsvDataReaderOptions { HasHeaders = false, Delimiter = ',', BufferSize = 1 << 16 };
    await using var csv = await CsvDataReader.CreateAsync(Strict(bytes), options);
    long fields = 0;
    while (await csv.ReadAsync())
    {
        for (var i = 0; i < csv.RowFieldCount; i++) fields += csv.GetString(i).Length >= 0 ? 1 : 0;
    }
    return fields;
}

static async Task<long> ReadCsvHelper(Stream bytes)
{
    var options = new CsvHelper.CsvReaderOptions
    {
        HasHeader = false,
        Separator = ',',
        MalformedData = CsvHelper.CsvMalformedDataHandling.Throw,
        FieldCountMismatch = CsvHelper.CsvFieldCountHandling.Allow,
        Encoding = new UTF8Encoding(false, throwOnInvalidBytes: true),
    };
    await using var csv = CsvHelper.CsvReader.Create(bytes, options, leaveOpen: false);
    long fields = 0;
    while (await csv.ReadAsync(CancellationToken.None))
    {
        for (var i = 0; i < csv.FieldCount; i++) fields += csv.GetString(i).Length >= 0 ? 1 : 0;
    }
    return fields;
}

#if PREVIOUS_READER
static async Task<long> ReadPrevious(Stream bytes)
{
    var rows = new Previous.CsvRows(Strict(bytes));
    long fields = 0;
    while (await rows.ReadAsync(CancellationToken.None) is { } row) fields += row.Length;
    return fields;
}
#endif

// As the import reads a list: strict UTF-8, so a byte that is not UTF-8 stops it.
static StreamReader Strict(Stream bytes) => new(bytes, new UTF8Encoding(false, throwOnInvalidBytes: true), true, 1 << 16);

static string Generate(int rows)
{
    string[] zones = ["America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles", "Europe/London"];
    var text = new StringBuilder("name,phone1,phone2,timezone,account\n");
    for (var i = 0; i < rows; i++)
    {
        // Every tenth name is quoted with a comma in it, as exports from spreadsheets have them.
        var name = i % 10 == 0 ? $"\"Customer, {i}\"" : $"Customer {i}";
        text.Append(CultureInfo.InvariantCulture, $"{name},+1{2122000000L + i},+1{3122000000L + i},{zones[i % zones.Length]},A-{i}\n");
    }
    return text.ToString();
}
