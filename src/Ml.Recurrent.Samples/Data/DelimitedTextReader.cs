using System.Text;

namespace Ml.Recurrent.Samples.Data;

/// <summary>
/// Reads labelled texts from a TSV or CSV file, choosing the label and text columns by header name or by
/// 0-based index. Never mangles the text: quotes and tabs inside a text survive (see <see cref="TextFileFormat"/>).
/// </summary>
/// <remarks>
/// Hand-written on purpose: the shared TSVs must be split at the first tab
/// only, with quotes taken literally, and every error must name the file and line (including an unclosed quote);
/// TextLoader reports neither line numbers nor first-tab splits, and a CSV package would add a dependency for that.
/// </remarks>
public static class DelimitedTextReader
{
    /// <summary>
    /// Reads <paramref name="path"/>. <paramref name="labelColumn"/> and <paramref name="textColumn"/> are header
    /// names (case-insensitive) or 0-based indexes; without a header only indexes work.
    /// </summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">A column is missing, a row is short or a label is empty; the message
    /// names the file and line.</exception>
    public static List<LabelledText> Read(string path, TextFileFormat format, string labelColumn = "Label",
        string textColumn = "Text", bool hasHeader = true)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"Data file '{path}' does not exist.", path);
        if (!Enum.IsDefined(format)) throw new ArgumentOutOfRangeException(nameof(format), format,
            $"format must be Tsv or Csv; got {format}.");
        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        IEnumerable<(int Line, List<string> Fields)> records = format == TextFileFormat.Csv ? CsvRecords(reader, path)
            : TsvRecords(reader, labelColumn, textColumn, hasHeader);

        var rows = new List<LabelledText>();
        int labelIndex = -1, textIndex = -1, width = 0;
        bool first = true;
        foreach ((int line, List<string> fields) in records)
        {
            if (first)
            {
                first = false;
                labelIndex = ColumnIndex(labelColumn, hasHeader ? fields : null, path, "label");
                textIndex = ColumnIndex(textColumn, hasHeader ? fields : null, path, "text");
                if (labelIndex == textIndex)
                    throw new ArgumentException($"The label column '{labelColumn}' and the text column " +
                        $"'{textColumn}' are the same column ({labelIndex}) in '{path}'.");
                width = Math.Max(labelIndex, textIndex) + 1;
                if (hasHeader) continue;
            }

            if (fields.Count == 1 && fields[0].Length == 0) continue;
            if (fields.Count < width)
                throw new InvalidDataException($"'{path}' line {line}: expected at least {width} fields (label " +
                    $"column {labelIndex}, text column {textIndex}), found {fields.Count}.");
            string label = fields[labelIndex].Trim();
            if (label.Length == 0) throw new InvalidDataException($"'{path}' line {line}: the label (column " +
                $"{labelIndex}) is empty.");
            rows.Add(new LabelledText { Label = label, Text = fields[textIndex] });
        }

        if (rows.Count == 0) throw new InvalidDataException($"'{path}' has no data " +
            $"rows{(hasHeader ? " after its header" : string.Empty)}.");
        return rows;
    }

    /// <summary>The format a file name suggests: <c>.csv</c> is CSV, anything else TSV.</summary>
    public static TextFileFormat FormatOf(string path) =>
        string.Equals(Path.GetExtension(path), ".csv", StringComparison.OrdinalIgnoreCase) ? TextFileFormat.Csv
            : TextFileFormat.Tsv;

    private static int ColumnIndex(string column, List<string>? header, string path, string role)
    {
        if (header is not null)
        {
            int byName = header.FindIndex(h => string.Equals(h.Trim(), column, StringComparison.OrdinalIgnoreCase));
            if (byName >= 0) return byName;
        }

        if (int.TryParse(column, System.Globalization.NumberStyles.None,
            System.Globalization.CultureInfo.InvariantCulture, out int index))
            return index;
        string known = header is null ? "the file has no header, so give a 0-based index"
            : $"its header has: {HeaderList(header)}";
        throw new InvalidDataException($"'{path}' has no {role} column '{column}'; {known}.");
    }

    /// <summary>The header's fields for a message: control characters escaped, at most 10 fields of 40 characters
    /// (a binary file's "header" can be anything).</summary>
    private static string HeaderList(List<string> header)
    {
        const int fields = 10, characters = 40;
        IEnumerable<string> shown = header.Take(fields).Select(h =>
            $"'{TerminalText.Escape(h.Length > characters ? h[..characters] + "…" : h)}'");
        return string.Join(", ", shown) + (header.Count > fields ? $" … ({header.Count} fields)" : string.Empty);
    }

    /// <summary>
    /// Tab-separated lines. The header (or, without one, the highest chosen column) fixes the field count; the
    /// last field takes the rest of the line, tabs included.
    /// </summary>
    private static IEnumerable<(int, List<string>)> TsvRecords(StreamReader reader, string labelColumn,
        string textColumn, bool hasHeader)
    {
        int lineNumber = 0, maxFields = int.MaxValue;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (lineNumber == 1)
            {
                if (hasHeader)
                {
                    List<string> header = [.. line.Split('\t')];
                    maxFields = header.Count;
                    yield return (lineNumber, header);
                    continue;
                }

                maxFields = Math.Max(IndexOrZero(labelColumn), IndexOrZero(textColumn)) + 1;
            }

            yield return (lineNumber, [.. line.Split('\t', maxFields)]);
        }
    }

    private static int IndexOrZero(string column) =>
        int.TryParse(column, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture,
            out int i) ? i : 0;

    /// <summary>RFC 4180 records, lenient about quotes inside unquoted fields (kept literally).</summary>
    private static IEnumerable<(int, List<string>)> CsvRecords(StreamReader reader, string path)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        int line = 1, recordLine = 1;
        bool inQuotes = false, fieldStarted = false, any = false;
        int c;
        while ((c = reader.Read()) >= 0)
        {
            char ch = (char)c;
            any = true;
            if (inQuotes)
            {
                if (ch == '"')
                {
                    if (reader.Peek() == '"') { reader.Read(); field.Append('"'); }
                    else inQuotes = false;
                }
                else
                {
                    if (ch == '\n') line++;
                    field.Append(ch);
                }

                continue;
            }

            switch (ch)
            {
                case '"' when !fieldStarted:
                    inQuotes = true;
                    fieldStarted = true;
                    break;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    fieldStarted = false;
                    break;
                case '\r' when reader.Peek() == '\n':
                    break;
                case '\n':
                    fields.Add(field.ToString());
                    yield return (recordLine, fields);
                    fields = [];
                    field.Clear();
                    fieldStarted = false;
                    any = false;
                    recordLine = ++line;
                    break;
                default:
                    field.Append(ch);
                    fieldStarted = true;
                    break;
            }
        }

        if (inQuotes) throw new InvalidDataException($"'{path}': the CSV record starting on line {recordLine} has a " +
            $"quoted field that is never closed.");
        if (any)
        {
            fields.Add(field.ToString());
            yield return (recordLine, fields);
        }
    }
}
