namespace EdgeGateway.Stock;

/// <summary>
/// Splits a catalog file (docs/catalog.md) into rows: RFC 4180 fields (quotes around fields with commas,
/// quotes or line breaks; <c>""</c> for a quote inside), CRLF or LF, a UTF-8 byte order mark tolerated,
/// blank lines skipped. The header must be exactly <see cref="Header"/>. Field values are checked by
/// <see cref="CatalogImport"/>, not here.
/// </summary>
public static class CatalogCsv
{
    public const string Header = "gtin,name,lot,expiry,serials";
    public const int MaxRows = 100_000;
    private const int FieldCount = 5;

    public static (IReadOnlyList<CatalogRow> Rows, IReadOnlyList<CatalogRowError> Errors) Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var rows = new List<CatalogRow>();
        var errors = new List<CatalogRowError>();
        var reader = new RecordReader(text.StartsWith('\uFEFF') ? text[1..] : text);
        var headerSeen = false;
        while (reader.Next(out var line, out var fields, out var problem))
        {
            if (problem is not null)
            {
                errors.Add(new CatalogRowError(line, problem));
                continue;
            }

            if (fields.Count == 1 && fields[0].Trim().Length == 0)
            {
                continue;
            }

            if (!headerSeen)
            {
                headerSeen = true;
                var header = string.Join(',', fields.Select(f => f.Trim()));
                if (!string.Equals(header, Header, StringComparison.OrdinalIgnoreCase))
                {
                    errors.Add(new CatalogRowError(line, $"the header must be \"{Header}\", found \"{header}\""));
                    return (rows, errors);
                }

                continue;
            }

            if (fields.Count != FieldCount)
            {
                errors.Add(new CatalogRowError(line, $"has {fields.Count} fields, expected {FieldCount} ({Header})"));
                continue;
            }

            if (rows.Count == MaxRows)
            {
                errors.Add(new CatalogRowError(line, $"more than {MaxRows} rows"));
                return (rows, errors);
            }

            rows.Add(new CatalogRow(line, fields[0], fields[1], fields[2], fields[3], fields[4]));
        }

        if (!headerSeen)
        {
            errors.Add(new CatalogRowError(1, $"the file is empty; the first line must be \"{Header}\""));
        }
        else if (rows.Count == 0 && errors.Count == 0)
        {
            errors.Add(new CatalogRowError(1, "no product rows after the header"));
        }

        return (rows, errors);
    }

    /// <summary>Reads one RFC 4180 record at a time, counting physical lines so errors point at the file.</summary>
    private sealed class RecordReader(string text)
    {
        private int _position;
        private int _line = 1;

        public bool Next(out int line, out List<string> fields, out string? problem)
        {
            line = _line;
            fields = [];
            problem = null;
            if (_position >= text.Length)
            {
                return false;
            }

            var field = new System.Text.StringBuilder();
            var quoted = false;
            var afterQuote = false;
            var fieldStart = true;
            while (_position < text.Length)
            {
                var c = text[_position++];
                if (quoted)
                {
                    if (c == '"' && Peek() == '"')
                    {
                        field.Append('"');
                        _position++;
                    }
                    else if (c == '"')
                    {
                        quoted = false;
                        afterQuote = true;
                    }
                    else
                    {
                        _line += c == '\n' ? 1 : 0;
                        field.Append(c);
                    }

                    continue;
                }

                if (c == ',')
                {
                    fields.Add(field.ToString());
                    field.Clear();
                    afterQuote = false;
                    fieldStart = true;
                    continue;
                }

                if (c is '\r' or '\n')
                {
                    if (c == '\r' && Peek() == '\n')
                    {
                        _position++;
                    }

                    _line++;
                    break;
                }

                if (afterQuote)
                {
                    problem ??= "text after a closing quote (a quote inside a field must be doubled: \"\")";
                }
                else if (c == '"' && fieldStart)
                {
                    quoted = true;
                    fieldStart = false;
                    continue;
                }
                else if (c == '"')
                {
                    problem ??= "a quote inside an unquoted field (quote the whole field and double the quote)";
                }

                fieldStart = false;
                field.Append(c);
            }

            if (quoted)
            {
                problem = "a quoted field is not closed before the end of the file";
            }

            fields.Add(field.ToString());
            return true;
        }

        private char Peek() => _position < text.Length ? text[_position] : '\0';
    }
}
