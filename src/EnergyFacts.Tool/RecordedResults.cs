using EnergyFacts.Results;
using EnergyFacts.Results.CodeCarbon;
using EnergyFacts.Results.Csv;
using EnergyFacts.Results.Jsonl;

namespace EnergyFacts.Tool;

/// <summary>
/// The trials of an EnergyFacts results folder (native or imported), or of one results file, or of a CodeCarbon
/// emissions.csv read through the CodeCarbon reader. A folder is read from <c>experiments.jsonl</c>, plus any trial of
/// its <c>emissions.csv</c> missing there (a sink that failed); damaged lines and torn tails are set aside as problems
/// with file and line, and the rest is read.
/// </summary>
internal sealed class RecordedResults
{
    private RecordedResults(string source, List<RecordedRow> rows, List<string> problems, List<string> notes)
    {
        Source = source;
        Rows = rows;
        Problems = problems;
        Notes = notes;
    }

    /// <summary>The folder or file given.</summary>
    public string Source { get; }

    /// <summary>The trials read, in file order.</summary>
    public IReadOnlyList<RecordedRow> Rows { get; }

    /// <summary>Lines or files that could not be read, each with file and line.</summary>
    public IReadOnlyList<string> Problems { get; }

    /// <summary>What the reader did that its user should know (e.g. a CodeCarbon file converted).</summary>
    public IReadOnlyList<string> Notes { get; }

    /// <summary>
    /// Reads <paramref name="path"/> like <see cref="Read"/>; when nothing can be read (no such path, no results files,
    /// an unreadable file) writes why to <paramref name="error"/> and returns <see langword="null"/>, for verbs that go
    /// on with their other inputs.
    /// </summary>
    public static RecordedResults? TryRead(string path, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(error);
        try
        {
            return Read(path);
        }
        catch (Exception e) when (e is ResultsFolderException or ResultsFileFormatException or IOException or UnauthorizedAccessException)
        {
            error.WriteLine(e.Message);
            return null;
        }
    }

    /// <summary>Reads <paramref name="path"/>, a results folder or file.</summary>
    /// <exception cref="ResultsFolderException">Nothing there to read: no such path, or a folder without results files.</exception>
    public static RecordedResults Read(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var rows = new List<RecordedRow>();
        var problems = new List<string>();
        var notes = new List<string>();
        if (Directory.Exists(path))
        {
            var jsonl = Path.Combine(path, ExperimentsJsonl.FileName);
            var csv = Path.Combine(path, EmissionsCsv.FileName);
            if (!File.Exists(jsonl) && !File.Exists(csv))
            {
                throw new ResultsFolderException($"'{path}' holds no {ExperimentsJsonl.FileName} or {EmissionsCsv.FileName}: not an EnergyFacts results folder (or an empty one).", path, null);
            }

            if (File.Exists(jsonl))
            {
                ReadJsonl(jsonl, rows, problems);
            }

            if (File.Exists(csv))
            {
                var seen = rows.Select(r => r.TrialKey).ToHashSet();
                var before = rows.Count;
                ReadEnergyFactsCsv(csv, rows, problems, seen);
                if (before > 0 && rows.Count > before)
                {
                    notes.Add($"{csv}: {rows.Count - before} trials missing from {ExperimentsJsonl.FileName} were read from {EmissionsCsv.FileName}");
                }
            }
        }
        else if (File.Exists(path))
        {
            ReadFile(path, rows, problems, notes);
        }
        else
        {
            throw new ResultsFolderException($"'{path}' does not exist; give a results folder, an experiments.jsonl or an emissions.csv (EnergyFacts or CodeCarbon).", path, null);
        }

        return new RecordedResults(path, rows, problems, notes);
    }

    private static void ReadFile(string path, List<RecordedRow> rows, List<string> problems, List<string> notes)
    {
        if (path.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase))
        {
            ReadJsonl(path, rows, problems);
            return;
        }

        if (FirstLine(path) == EmissionsCsv.HeaderLine)
        {
            ReadEnergyFactsCsv(path, rows, problems, seen: []);
            return;
        }

        var file = CodeCarbonCsvReader.Read(path);
        notes.Add($"{path}: read as a CodeCarbon emissions.csv ({file.ColumnSet?.Versions ?? "unknown"} columns), {file.Rows.Count} rows");
        notes.AddRange(file.Notes.Select(n => $"{path}: {n}"));
        problems.AddRange(file.Problems.Select(p => p.ToString()));
        var resultRows = ImportedResultRows.ToResultRows(file.Rows);
        for (var i = 0; i < resultRows.Count; i++)
        {
            var columns = ResultColumns.All.ToDictionary(c => c.Name, c => c.FormatValue(resultRows[i]), StringComparer.Ordinal);
            rows.Add(new RecordedRow(columns, path, file.Rows[i].Line, JsonLine: null));
        }
    }

    private static void ReadJsonl(string path, List<RecordedRow> rows, List<string> problems)
    {
        var damaged = new List<ResultsFileFormatException>();
        var parsed = ExperimentsJsonl.ReadReadable(path, damaged);
        problems.AddRange(damaged.Select(d => $"{path}:{d.LineNumber}: skipped: {d.Message}"));
        var skipped = damaged.Select(d => d.LineNumber).ToHashSet();

        // The reader returns the readable lines in order; pair each with its raw text and number, so a merge copies it as is.
        var next = 0;
        var lineNumber = 0;
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        while (reader.ReadLine() is { } line && next < parsed.Count)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line) || skipped.Contains(lineNumber))
            {
                continue;
            }

            rows.Add(new RecordedRow(parsed[next++], path, lineNumber, line));
        }
    }

    // EnergyFacts' CSV keeps one row per physical line, so each line is parsed on its own: a damaged line or torn tail
    // costs that line only.
    private static void ReadEnergyFactsCsv(string path, List<RecordedRow> rows, List<string> problems, HashSet<(string, string, string)> seen)
    {
        string[] lines;
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
        using (var reader = new StreamReader(stream))
        {
            lines = reader.ReadToEnd().Split('\n');
        }

        var header = lines[0].TrimStart('\uFEFF').TrimEnd('\r');
        try
        {
            EmissionsCsv.CheckHeader(header, path);
        }
        catch (ResultsFileFormatException e)
        {
            problems.Add($"{path}:1: skipped: {e.Message}");
            return;
        }

        for (var i = 1; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (line.Length == 0)
            {
                continue;
            }

            try
            {
                var row = new RecordedRow(EmissionsCsv.Parse(header + "\n" + line, path).Rows[0], path, i + 1, JsonLine: null);
                if (seen.Add(row.TrialKey))
                {
                    rows.Add(row);
                }
            }
            catch (ResultsFileFormatException e)
            {
                var torn = i == lines.Length - 1 ? " (the file's last line, without a line end: probably torn by a process killed while writing)" : string.Empty;
                problems.Add($"{path}:{i + 1}: skipped{torn}: {e.Message.Replace("line 2", "this line", StringComparison.Ordinal)}");
            }
        }
    }

    private static string FirstLine(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return (reader.ReadLine() ?? string.Empty).TrimStart('\uFEFF');
    }
}
