using System.Text;

namespace Contact.Grains.Campaigns;

/// <summary>The file cannot be read as CSV at all; <see cref="Row"/> is where reading stopped.</summary>
public sealed class MalformedCsvException(long row, string message) : Exception(message)
{
    public long Row { get; } = row;
}

/// <summary>
/// RFC 4180 records read as they stream in: fields separated by commas, optionally quoted, a
/// quote inside a quoted field doubled, line breaks inside quoted fields kept, CRLF or LF
/// between records, blank lines skipped. Anything else (a quote inside an unquoted field, text
/// after a closing quote, a quoted field never closed) is a malformed file.
/// </summary>
public sealed class CsvRows(TextReader reader)
{
    private enum Where
    {
        FieldStart,
        Unquoted,
        Quoted,
        QuoteInQuoted,
    }

    private readonly char[] buffer = new char[1 << 16];
    private readonly StringBuilder field = new();
    private readonly List<string> fields = [];
    private int position, length;
    private bool skipLineFeed;

    /// <summary>The number of the last record read, the header being 1.</summary>
    public long Row { get; private set; }

    /// <summary>The next record, or null at the end of the file.</summary>
    public async ValueTask<string[]?> ReadAsync(CancellationToken cancellationToken)
    {
        var where = Where.FieldStart;
        fields.Clear();
        field.Clear();
        while (true)
        {
            if (position == length)
            {
                length = await reader.ReadAsync(buffer, cancellationToken);
                position = 0;
                if (length == 0) return End(where);
            }
            while (position < length)
            {
                var c = buffer[position++];
                if (skipLineFeed)
                {
                    skipLineFeed = false;
                    if (c == '\n') continue;
                }
                switch (where)
                {
                    case Where.FieldStart or Where.Unquoted:
                        if (c == ',')
                        {
                            EndField();
                            where = Where.FieldStart;
                        }
                        else if (c is '\r' or '\n')
                        {
                            skipLineFeed = c == '\r';
                            // A line with nothing on it is not a record.
                            if (where == Where.FieldStart && fields.Count == 0) continue;
                            return EndRecord();
                        }
                        else if (c == '"')
                        {
                            if (where == Where.Unquoted) throw new MalformedCsvException(Row + 1, "a quote inside a field that is not quoted");
                            where = Where.Quoted;
                        }
                        else
                        {
                            field.Append(c);
                            where = Where.Unquoted;
                        }
                        break;
                    case Where.Quoted:
                        if (c == '"') where = Where.QuoteInQuoted;
                        else field.Append(c);
                        break;
                    case Where.QuoteInQuoted:
                        if (c == '"')
                        {
                            field.Append('"');
                            where = Where.Quoted;
                        }
                        else if (c == ',')
                        {
                            EndField();
                            where = Where.FieldStart;
                        }
                        else if (c is '\r' or '\n')
                        {
                            skipLineFeed = c == '\r';
                            return EndRecord();
                        }
                        else throw new MalformedCsvException(Row + 1, "text after the closing quote of a field");
                        break;
                }
            }
        }
    }

    private string[]? End(Where where)
    {
        if (where == Where.Quoted) throw new MalformedCsvException(Row + 1, "a quoted field is never closed");
        return where == Where.FieldStart && fields.Count == 0 ? null : EndRecord();
    }

    private void EndField()
    {
        fields.Add(field.ToString());
        field.Clear();
    }

    private string[] EndRecord()
    {
        EndField();
        Row++;
        return [.. fields];
    }
}
