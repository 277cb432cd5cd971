using System.Text.Unicode;
using CsvHelper;

namespace Contact.Grains.Campaigns;

/// <summary>The file cannot be read as CSV at all; <see cref="Row"/> is where reading stopped.</summary>
public sealed class MalformedCsvException(long row, string message) : Exception(message)
{
    public long Row { get; } = row;
}

/// <summary>
/// RFC 4180 records read as they stream in, by CsvHelper (chosen over Sylvan.Data.Csv and the
/// product's earlier reader by <c>bench/csv-readers.sh</c>: as fast as Sylvan, and strict where
/// Sylvan is lenient): fields separated by commas, optionally quoted, a quote inside a quoted field
/// doubled, line breaks inside quoted fields kept, CRLF or LF between records, blank lines skipped.
/// Anything else (a quote inside an unquoted field, text after a closing quote, a quoted field never
/// closed, a record over <see cref="MaxRecordBytes"/>, bytes that are not UTF-8) is a malformed file.
/// </summary>
public sealed class CsvRows : IAsyncDisposable
{
    /// <summary>The longest record read; a longer one stops the import instead of growing the buffer without end.</summary>
    public const int MaxRecordBytes = 1 << 20;

    private static readonly CsvReaderOptions options = new()
    {
        HasHeader = false,
        Separator = ',',
        Mode = CsvMode.Rfc4180,
        MalformedData = CsvMalformedDataHandling.Throw,
        // The importer reports rows whose field count differs from the header's, one by one.
        FieldCountMismatch = CsvFieldCountHandling.Allow,
        SkipEmptyLines = true,
        // No comment lines: a customer named "#1 Pizza" is a record.
        CommentPrefix = null,
        TrimWhitespace = false,
        MaxRecordSize = MaxRecordBytes,
        BufferSize = 1 << 16,
    };

    private readonly CsvReader csv;

    private CsvRows(CsvReader csv) => this.csv = csv;

    /// <summary>The number of the last record read, the header being 1.</summary>
    public long Row { get; private set; }

    /// <summary>Reads <paramref name="utf8"/> as it arrives; nothing is read until the first <see cref="ReadAsync"/>.</summary>
    public static CsvRows Open(Stream utf8) => new(CsvReader.Create(utf8, options, leaveOpen: true));

    /// <summary>The next record, or null at the end of the file.</summary>
    public async ValueTask<string[]?> ReadAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (!await csv.ReadAsync(cancellationToken)) return null;
        }
        catch (CsvFormatException malformed)
        {
            throw new MalformedCsvException(malformed.RecordNumber, malformed.Message);
        }
        Row = csv.RowNumber;
        // CsvHelper would turn bytes that are not UTF-8 into U+FFFD; a list in another encoding is refused instead.
        if (!Utf8.IsValid(csv.RawRecord)) throw new MalformedCsvException(Row, "the file is not UTF-8 text");
        var fields = new string[csv.FieldCount];
        for (var i = 0; i < fields.Length; i++) fields[i] = csv.GetString(i);
        return fields;
    }

    public ValueTask DisposeAsync() => csv.DisposeAsync();
}
