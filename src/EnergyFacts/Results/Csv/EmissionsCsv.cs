namespace EnergyFacts.Results.Csv;

/// <summary>The <c>emissions.csv</c> format: CodeCarbon's 38 columns then EnergyFacts' (see <see cref="ResultColumns"/>), RFC 4180, UTF-8, '\n' line ends.</summary>
internal static class EmissionsCsv
{
    /// <summary>The file name inside a results folder.</summary>
    public const string FileName = "emissions.csv";

    /// <summary>The header line EnergyFacts writes (no line break).</summary>
    public static string HeaderLine { get; } = CsvText.FormatRecord(ResultColumns.Names);

    private static readonly HashSet<string> TextColumns =
        [.. ResultColumns.All.Where(c => c.Kind == ResultColumnKind.Text).Select(c => c.Name)];

    /// <summary>A row as one CSV line (no line break): invariant culture, round-trip numbers, line breaks in text replaced by " ⏎ ".</summary>
    public static string FormatRow(ResultRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return CsvText.FormatRecord(ResultColumns.All.Select(c =>
            c.Kind == ResultColumnKind.Text ? DefuseFormula(CsvText.OneLine(c.FormatValue(row))) : CsvText.OneLine(c.FormatValue(row))));
    }

    /// <summary>
    /// The formula-injection policy for text cells (OWASP's "CSV injection" advice): a text value starting with
    /// <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab or a carriage return would run as a formula when the file is opened in
    /// a spreadsheet, so it is written with a leading <c>'</c>, which spreadsheets show as text; a value that itself
    /// starts with <c>'</c> gets one more, so <see cref="Parse"/> restores every value exactly. Numbers are never touched
    /// (a negative loss stays a number), and experiments.jsonl keeps the raw text.
    /// </summary>
    internal static string DefuseFormula(string value) =>
        value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' or '\'' ? "'" + value : value;

    /// <summary>Undoes <see cref="DefuseFormula"/>.</summary>
    internal static string RestoreFormula(string value) => value.Length > 1 && value[0] == '\'' ? value[1..] : value;

    /// <summary>Reads a CSV file's rows as column name → text.</summary>
    /// <exception cref="ResultsFileFormatException">The file is empty or malformed; the message names the file and line.</exception>
    public static IReadOnlyList<IReadOnlyDictionary<string, string>> Read(string path) => ReadTable(path).Rows;

    /// <summary>Reads a CSV file: header and rows.</summary>
    /// <exception cref="ResultsFileFormatException">The file is empty or malformed; the message names the file and line.</exception>
    public static CsvTable ReadTable(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return Parse(CsvText.ReadShared(path), path);
    }

    /// <summary>Parses CSV text (for files read elsewhere).</summary>
    /// <param name="text">The whole file.</param>
    /// <param name="path">Name for error messages.</param>
    public static CsvTable Parse(string text, string path)
    {
        ArgumentNullException.ThrowIfNull(text);
        var records = CsvText.Parse(text, path);
        if (records.Count == 0)
        {
            throw new ResultsFileFormatException($"'{path}' is empty; expected a header line of column names.", path, 1);
        }

        var (_, header) = records[0];
        var duplicate = header.GroupBy(h => h, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ResultsFileFormatException($"'{path}' line 1: column '{duplicate.Key}' appears more than once in the header.", path, 1);
        }

        var rows = new List<IReadOnlyDictionary<string, string>>(records.Count - 1);
        foreach (var (line, fields) in records.Skip(1))
        {
            if (fields.Count != header.Count)
            {
                throw new ResultsFileFormatException(
                    $"'{path}' line {line}: the row has {fields.Count} fields but the header (line 1) has {header.Count}.",
                    path,
                    line);
            }

            var row = new Dictionary<string, string>(header.Count, StringComparer.Ordinal);
            for (var i = 0; i < header.Count; i++)
            {
                row[header[i]] = TextColumns.Contains(header[i]) ? RestoreFormula(fields[i]) : fields[i];
            }

            rows.Add(row);
        }

        return new CsvTable(path, header, rows);
    }

    /// <summary>Throws unless <paramref name="firstLine"/> is EnergyFacts' header.</summary>
    /// <exception cref="ResultsFileFormatException">It differs; the message names the file, the first differing column and what to do.</exception>
    internal static void CheckHeader(string firstLine, string path)
    {
        if (firstLine == HeaderLine)
        {
            return;
        }

        List<string> theirs;
        try
        {
            var records = CsvText.Parse(firstLine, path);
            theirs = records.Count == 0 ? [] : records[0].Fields;
        }
        catch (ResultsFileFormatException)
        {
            theirs = [firstLine];
        }

        var ours = ResultColumns.Names;
        var index = 0;
        while (index < theirs.Count && index < ours.Count && theirs[index] == ours[index])
        {
            index++;
        }

        var difference = index < theirs.Count && index < ours.Count
            ? $"column {index + 1} is '{theirs[index]}' there but '{ours[index]}' in EnergyFacts' header"
            : $"it has {theirs.Count} columns where EnergyFacts writes {ours.Count} (the first {index} agree)";
        throw new ResultsFileFormatException(
            $"'{path}' has a different header from the one EnergyFacts writes: {difference}. " +
            "It was probably written by another tool (such as CodeCarbon) or another EnergyFacts version, and appending " +
            "would mix two formats in one file. Choose another results folder (ENERGYFACTS_RESULTS_DIR or --energy-results) " +
            "or move the existing file away.",
            path,
            1);
    }
}
