using System.Text.Encodings.Web;
using System.Text.Json;
using EnergyFacts.Results.Csv;
using EnergyFacts.Results.Jsonl;
using EnergyFacts.Results.Markdown;

namespace EnergyFacts.Results.CodeCarbon;

/// <summary>
/// Writes imported CodeCarbon rows into an EnergyFacts results folder in its own formats (<c>emissions.csv</c>,
/// <c>experiments.jsonl</c>, <c>summary.md</c>), appending to what is there and never overwriting it. All rows go in
/// one append per file under the folder lock (10,000 rows would otherwise cost 10,000 synchronous flushes per file),
/// then <c>summary.md</c> is rendered once. A folder holding another tool's files is refused as the sinks refuse it.
/// </summary>
internal static class CodeCarbonImport
{

    /// <summary>Appends <paramref name="rows"/> to the results folder <paramref name="resultsDirectory"/>.</summary>
    /// <returns>The rows written.</returns>
    /// <exception cref="ResultsFolderException">The folder cannot be written or locked.</exception>
    /// <exception cref="ResultsFileFormatException">A file there was written by another tool or version.</exception>
    public static int Write(string resultsDirectory, IReadOnlyList<ImportedRow> rows, ResultsFolderOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(resultsDirectory);
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            return 0;
        }

        options ??= ResultsFolderOptions.Default;
        var folder = Path.GetFullPath(resultsDirectory);
        ResultsFolderLock.EnsureWritable(folder, options.LockTimeout);
        var resultRows = ImportedResultRows.ToResultRows(rows);
        var csvLines = resultRows.Select(EmissionsCsv.FormatRow).ToList();
        var jsonLines = resultRows.Select(ExperimentsJsonl.FormatRow).ToList();

        var csvPath = Path.Combine(folder, EmissionsCsv.FileName);
        var jsonlPath = Path.Combine(folder, ExperimentsJsonl.FileName);
        using (ResultsFolderLock.Acquire(folder, options.LockTimeout))
        {
            // Both files are checked before either is written, so a foreign file leaves the folder as it was.
            CheckFirstLine(csvPath, first => EmissionsCsv.CheckHeader(first, csvPath));
            CheckFirstLine(jsonlPath, first => ExperimentsJsonl.CheckFirstLine(first, jsonlPath));
            Guard(folder, csvPath, () => AppendOnlyFile.Append(csvPath, EmissionsCsv.HeaderLine, first => EmissionsCsv.CheckHeader(first, csvPath), string.Join('\n', csvLines), options.Notice));
            Guard(folder, jsonlPath, () => AppendOnlyFile.Append(jsonlPath, header: null, first => ExperimentsJsonl.CheckFirstLine(first, jsonlPath), string.Join('\n', jsonLines), options.Notice));
        }

        // Renders the table of every row in experiments.jsonl, the ones just written included.
        new SummaryMarkdownSink(folder, options).Append(resultRows[^1]);
        return rows.Count;
    }

    private static void CheckFirstLine(string path, Action<string> check)
    {
        if (!File.Exists(path))
        {
            return;
        }

        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        if (file.Length > 0)
        {
            check(AppendOnlyFile.ReadFirstLine(file));
        }
    }

    private static void Guard(string folder, string path, Action write)
    {
        try
        {
            write();
        }
        catch (Exception e) when (e is UnauthorizedAccessException || (e is IOException && e is not ResultsFolderException))
        {
            throw new ResultsFolderException($"Could not write '{path}': {e.Message} Choose a writable results folder (--out).", folder, e);
        }
    }
}
