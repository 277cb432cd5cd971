using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Contact.Grains.Interfaces;
using Contact.Grains.Phones;
using Contact.Storage.Campaigns;
using Contact.Storage;
using System.Threading.Channels;

namespace Contact.Grains.Campaigns;

/// <summary>
/// Loads a CSV calling list into a campaign as it streams in: each row is checked and the good
/// ones go to the database's bulk path, which shows them all at once at the end, so the file is
/// never held in memory and a file that turns out malformed (bad quoting, no header, not UTF-8)
/// loads nothing.
/// Duplicates are found against a set of the campaign's numbers, and the do not call list is
/// read once into memory, so no row costs a query.
/// </summary>
public sealed class CallingListImporter(CallingRecordStore records, DoNotCallList doNotCall, IGrainFactory grains, TimeProvider time)
{
    public const int MaxListedErrors = 1000;
    public const int MaxRows = 5_000_000;
    public const int MaxColumns = 50;
    public const int MaxColumnNameLength = 64;
    public const int MaxNameLength = 200;
    public const int MaxFieldLength = 1000;
    private static readonly string[] phoneColumns = ["phone1", "phone2", "phone3"];

    public static string NewImportId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));

    public async Task<ImportReport> ImportAsync(string campaignId, string importId, Stream csv, CancellationToken cancellationToken)
    {
        var campaign = grains.GetGrain<ICampaignGrain>(campaignId);
        var config = (await campaign.GetView()).Config;
        var report = grains.GetGrain<ICallingListImportGrain>(importId);
        var run = new ImportRun(importId, campaignId, time.GetUtcNow());
        await report.Save(run.Report(ImportStatus.Running, null, null));
        await grains.GetGrain<IDirectoryGrain>(ImportsOf(campaignId)).Add(importId);

        var known = new HashSet<long>();
        await foreach (var phone in records.PhonesAsync(campaignId)) known.Add(Digits(phone));
        var barred = (await doNotCall.AllAsync()).Select(Digits).ToHashSet();
        // Two stages on the two cores: reading the CSV and its phone numbers (libphonenumber is the
        // costliest part of a row) runs ahead, batch by batch, of checking and loading.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var batches = Channel.CreateBounded<ParsedRow[]>(new BoundedChannelOptions(4) { SingleReader = true, SingleWriter = true });
        var reading = Task.Run(() => ReadAsync(csv, run, config.DefaultCountry, batches.Writer, stop.Token), CancellationToken.None);
        var beating = KeepAliveAsync(report, run, stop.Token);
        // Before the report's last word, so that no keep-alive lands after it.
        async Task StopAsync()
        {
            await stop.CancelAsync();
            await reading.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            await beating.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
        try
        {
            await using var load = await records.BeginImportAsync(campaignId, importId, run.StartedAt, cancellationToken);
            await foreach (var batch in batches.Reader.ReadAllAsync(cancellationToken))
            {
                foreach (var row in batch)
                {
                    if (Check(row, config, known, barred, run) is { } good) await load.WriteAsync(good, cancellationToken);
                }
            }
            // A malformed file ends the batches early; its error comes from the reading task, before anything commits.
            await reading;
            await load.CompleteAsync(cancellationToken);
        }
        catch (MalformedCsvException malformed)
        {
            await StopAsync();
            var failed = run.Report(ImportStatus.Failed, malformed.Message, time.GetUtcNow()) with { Accepted = 0 };
            await report.Save(failed);
            throw CampaignErrors.Malformed(importId, malformed.Row, malformed.Message);
        }
        // The client hung up: the body ends short (an IOException from the server) or the request is aborted.
        catch (Exception cutOff) when (cutOff is IOException || cancellationToken.IsCancellationRequested)
        {
            await StopAsync();
            await report.Save(run.Report(ImportStatus.Cancelled, "the upload was cut off before the whole file came; nothing was loaded", time.GetUtcNow())
                with { Accepted = 0 });
            throw;
        }
        finally
        {
            // Whatever stopped the loading stops the reading; its own error, if any, was thrown above.
            await StopAsync();
        }
        var done = run.Report(ImportStatus.Completed, null, time.GetUtcNow());
        await report.Save(done);
        await campaign.ListLoaded([.. run.Zones]);
        return done;
    }

    /// <summary>The directory of one campaign's import ids, which the imports list reads.</summary>
    public static string ImportsOf(string campaignId) => $"imports/{campaignId}";

    /// <summary>Tells the report, every few seconds, that the import still runs, with its counts so far.</summary>
    private async Task KeepAliveAsync(ICallingListImportGrain report, ImportRun run, CancellationToken cancellationToken)
    {
        var period = CallingListImportGrain.SilenceThatMeansGone / 6;
        while (!cancellationToken.IsCancellationRequested)
        {
            await Task.Delay(period, time, cancellationToken);
            await report.Save(run.Progress(time.GetUtcNow()));
        }
    }

    /// <summary>Reads the rows, with their phone numbers read in <paramref name="region"/>, into batches; a malformed file ends the batches and this task with its error.</summary>
    private static async Task ReadAsync(Stream csv, ImportRun run, string region, ChannelWriter<ParsedRow[]> batches, CancellationToken cancellationToken)
    {
        const int batchSize = 1024;
        try
        {
            await using var rows = CsvRows.Open(csv);
            var batch = new List<ParsedRow>(batchSize);
            while (await rows.ReadAsync(cancellationToken) is { } fields)
            {
                if (rows.Row == 1)
                {
                    run.Columns = Header(fields);
                    continue;
                }
                // The numbers already in the campaign are held in memory: the rows of one list are bounded.
                if (rows.Row > MaxRows + 1) throw new MalformedCsvException(rows.Row, $"a list has at most {MaxRows:N0} rows; split this one");
                batch.Add(new ParsedRow(rows.Row, fields, ReadPhones(run.Columns, fields, region)));
                if (batch.Count < batchSize) continue;
                await batches.WriteAsync([.. batch], cancellationToken);
                batch.Clear();
            }
            if (rows.Row == 0) throw new MalformedCsvException(1, "the file is empty; the first row must be a header");
            if (batch.Count > 0) await batches.WriteAsync([.. batch], cancellationToken);
        }
        finally
        {
            batches.Complete();
        }
    }

    /// <summary>libphonenumber's reading of each phone column (by column index; none for the others or an empty value).</summary>
    private static PhoneReading?[] ReadPhones(string[] columns, string[] fields, string region)
    {
        var readings = new PhoneReading?[columns.Length];
        for (var i = 0; i < columns.Length && i < fields.Length; i++)
        {
            if (phoneColumns.Contains(columns[i]) && fields[i].Trim() is { Length: > 0 } value) readings[i] = PhoneNumberReader.Read(value, region);
        }
        return readings;
    }

    private static string[] Header(string[] fields)
    {
        if (fields.Length > MaxColumns) throw new MalformedCsvException(1, $"the header has {fields.Length} columns; a list has at most {MaxColumns}");
        var names = fields.Select(f => f.Trim().ToLowerInvariant()).ToArray();
        if (!names.Any(n => n == "name" || phoneColumns.Contains(n)))
        {
            throw new MalformedCsvException(1, "the first row must be a header naming the columns, with at least one of name, phone1, phone2, phone3");
        }
        if (names.Any(n => n.Length == 0)) throw new MalformedCsvException(1, "a column of the header has no name");
        if (names.Any(n => n.Length > MaxColumnNameLength)) throw new MalformedCsvException(1, $"a column's name has at most {MaxColumnNameLength} characters");
        if (names.GroupBy(n => n).FirstOrDefault(g => g.Count() > 1) is { } twice) throw new MalformedCsvException(1, $"the header names '{BadValue.Shown(twice.Key)}' twice");
        return names;
    }

    /// <summary>The row's values for the bulk load, or null when it is rejected or a duplicate (counted and reported).</summary>
    private object[]? Check(ParsedRow row, CampaignConfig config, HashSet<long> known, HashSet<long> barred, ImportRun run)
    {
        run.Rows++;
        var columns = run.Columns;
        if (row.Fields.Length != columns.Length)
        {
            run.Reject(row.Number, [("", $"the row has {row.Fields.Length} fields where the header has {columns.Length}")]);
            return null;
        }
        List<(string Field, string Message)>? errors = null;
        string name = "";
        string? zone = null;
        var phones = new List<(string Column, string Number)>(3);
        PhoneReading first = default;
        Dictionary<string, string>? fields = null;
        for (var i = 0; i < columns.Length; i++)
        {
            var value = row.Fields[i].Trim();
            switch (columns[i])
            {
                case "name":
                    if (value.Length > MaxNameLength) (errors ??= []).Add(("name", $"at most {MaxNameLength} characters"));
                    name = value;
                    break;
                case "timezone":
                    if (value.Length == 0) break;
                    if (CallingClock.IsKnownZone(value)) zone = value;
                    else (errors ??= []).Add(("timezone", $"'{BadValue.Shown(value)}' is not an IANA time zone (such as America/New_York)"));
                    break;
                case "phone1" or "phone2" or "phone3":
                    if (value.Length == 0) break;
                    var reading = row.Phones[i]!.Value;
                    if (reading.E164 is not { } number)
                    {
                        (errors ??= []).Add((columns[i], $"'{BadValue.Shown(value)}' is not a phone number: {reading.Problem}"));
                    }
                    else if (barred.Contains(Digits(number)))
                    {
                        (errors ??= []).Add((columns[i], $"{number} is on the do not call list"));
                    }
                    else if (!phones.Exists(p => p.Number == number))
                    {
                        if (phones.Count == 0) first = reading;
                        phones.Add((columns[i], number));
                    }
                    break;
                default:
                    if (row.Fields[i].Length > MaxFieldLength) (errors ??= []).Add((columns[i], $"at most {MaxFieldLength} characters"));
                    (fields ??= [])[columns[i]] = row.Fields[i];
                    break;
            }
        }
        if (errors is null && name.Length == 0 && phones.Count == 0) errors = [("name", "the row has neither a name nor a phone number")];
        if (errors is not null)
        {
            run.Reject(row.Number, errors);
            return null;
        }
        foreach (var (column, number) in phones)
        {
            if (!known.Contains(Digits(number))) continue;
            run.Duplicate(row.Number, (column, $"{number} is already in the campaign"));
            return null;
        }
        foreach (var (_, number) in phones) known.Add(Digits(number));
        // No zone given: the first number's, when libphonenumber knows exactly one, else the campaign's.
        if (zone is null && PhoneNumberReader.TimeZoneOf(first) is { } inferred && CallingClock.IsKnownZone(inferred))
        {
            zone = inferred;
            run.ZonesInferred++;
        }
        zone ??= config.TimeZone;
        run.Accepted++;
        run.Zones.Add(zone);
        return
        [
            CampaignSchema.RecordId(run.ImportId, row.Number), run.CampaignId, run.ImportId, row.Number, (long)RecordStatus.Waiting, "", zone,
            run.StartedAt.ToUnixTimeMilliseconds(), 0L, name, string.Join(' ', phones.Select(p => p.Number)),
            fields is null ? "{}" : JsonSerializer.Serialize(fields, GrainJson.Options), "", "{}", 1L,
        ];
    }

    private static long Digits(string e164) => long.Parse(e164.AsSpan(1), CultureInfo.InvariantCulture);

    private sealed record ParsedRow(long Number, string[] Fields, PhoneReading?[] Phones);

    /// <summary>The counts and errors of one import as it goes.</summary>
    private sealed class ImportRun(string importId, string campaignId, DateTimeOffset startedAt)
    {
        private readonly List<ImportError> errors = [];
        private long omitted;

        public string ImportId { get; } = importId;
        public string CampaignId { get; } = campaignId;
        public DateTimeOffset StartedAt { get; } = startedAt;
        public string[] Columns { get; set; } = [];
        public HashSet<string> Zones { get; } = [];
        public long Rows { get; set; }
        public long Accepted { get; set; }
        public long Rejected { get; private set; }
        public long Duplicates { get; private set; }
        public long ZonesInferred { get; set; }

        public void Reject(long row, IEnumerable<(string Field, string Message)> rowErrors)
        {
            Rejected++;
            foreach (var (field, message) in rowErrors) List(new ImportError(row, field, message));
        }

        public void Duplicate(long row, (string Field, string Message) error)
        {
            Duplicates++;
            List(new ImportError(row, error.Field, error.Message));
        }

        /// <summary>The counts so far, without the errors (the loading adds to them on another thread).</summary>
        public ImportReport Progress(DateTimeOffset now) =>
            new(ImportId, CampaignId, ImportStatus.Running, Rows, Accepted, Rejected, Duplicates, ZonesInferred, [], 0, null, StartedAt, null, now);

        public ImportReport Report(ImportStatus status, string? failure, DateTimeOffset? finishedAt) =>
            new(ImportId, CampaignId, status, Rows, Accepted, Rejected, Duplicates, ZonesInferred, [.. errors], omitted, failure, StartedAt, finishedAt);

        private void List(ImportError error)
        {
            if (errors.Count < MaxListedErrors) errors.Add(error);
            else omitted++;
        }
    }
}
