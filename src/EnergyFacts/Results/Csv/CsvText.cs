using System.Text;

namespace EnergyFacts.Results.Csv;

/// <summary>RFC 4180 comma-separated values: quoting for writing, a parser for reading.</summary>
internal static class CsvText
{
    /// <summary>The whole file, read while other processes may be appending to it (or replacing it).</summary>
    public static string ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>What replaces a line break inside a value: EnergyFacts' CSV keeps one row per physical line.</summary>
    public const string LineBreakMark = " ⏎ ";

    /// <summary>One record as a line without its terminator; fields quoted when they hold a comma, quote or line break.</summary>
    public static string FormatRecord(IEnumerable<string> fields) => string.Join(',', fields.Select(Quote));

    /// <summary>A field made single-line: CR, LF and CRLF become <see cref="LineBreakMark"/>.</summary>
    public static string OneLine(string value) =>
        value.AsSpan().IndexOfAny('\r', '\n') < 0
            ? value
            : value.Replace("\r\n", LineBreakMark, StringComparison.Ordinal)
                .Replace('\r', '\n')
                .Replace("\n", LineBreakMark, StringComparison.Ordinal);

    /// <summary>The field, quoted and with inner quotes doubled when RFC 4180 requires it.</summary>
    public static string Quote(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") < 0 ? field : "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>Parses CSV text into records, each with the 1-based line it starts on.</summary>
    /// <param name="text">The whole file.</param>
    /// <param name="path">File name for error messages.</param>
    /// <exception cref="ResultsFileFormatException">Malformed quoting; the message names the file and line.</exception>
    public static List<(int Line, List<string> Fields)> Parse(string text, string path)
    {
        var records = new List<(int, List<string>)>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var recordLine = 1;
        var i = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0;
        var atRecordStart = true;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '"' && field.Length == 0)
            {
                // Quoted field: runs to the closing quote; "" is a literal quote; line breaks are data.
                var quoteLine = line;
                i++;
                while (true)
                {
                    if (i >= text.Length)
                    {
                        throw new ResultsFileFormatException(
                            $"'{path}' line {quoteLine}: a quoted field is never closed (RFC 4180: a field that opens with '\"' must end with '\"').",
                            path,
                            quoteLine);
                    }

                    if (text[i] == '"')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '"')
                        {
                            field.Append('"');
                            i += 2;
                            continue;
                        }

                        i++;
                        break;
                    }

                    if (text[i] == '\n')
                    {
                        line++;
                    }

                    field.Append(text[i]);
                    i++;
                }

                if (i < text.Length && text[i] is not (',' or '\r' or '\n'))
                {
                    throw new ResultsFileFormatException(
                        $"'{path}' line {line}: unexpected '{text[i]}' after a closing quote; a quoted field must be followed by ',' or the end of the line.",
                        path,
                        line);
                }

                atRecordStart = false;
                continue;
            }

            switch (c)
            {
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    atRecordStart = false;
                    i++;
                    break;
                case '\r' or '\n':
                    if (!(atRecordStart && fields.Count == 0 && field.Length == 0))
                    {
                        fields.Add(field.ToString());
                        records.Add((recordLine, fields));
                    }

                    fields = [];
                    field.Clear();
                    i += c == '\r' && i + 1 < text.Length && text[i + 1] == '\n' ? 2 : 1;
                    line++;
                    recordLine = line;
                    atRecordStart = true;
                    break;
                case '"':
                    throw new ResultsFileFormatException(
                        $"'{path}' line {line}: a '\"' inside an unquoted field; RFC 4180 needs such a field quoted, with the quote doubled.",
                        path,
                        line);
                default:
                    field.Append(c);
                    atRecordStart = false;
                    i++;
                    break;
            }
        }

        if (!atRecordStart || fields.Count > 0 || field.Length > 0)
        {
            fields.Add(field.ToString());
            records.Add((recordLine, fields));
        }

        return records;
    }
}
