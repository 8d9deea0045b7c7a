using System.Text;
using EnergyFacts.Results.Jsonl;

namespace EnergyFacts.Results.Markdown;

/// <summary>
/// Keeps <c>&lt;results&gt;/summary.md</c>: after each row it re-renders the table of every trial in the folder from
/// <c>experiments.jsonl</c>, under the folder lock, and replaces the file atomically, so concurrent processes agree on
/// one summary. Place it after <see cref="ExperimentsJsonlSink"/>; a row missing from that file (its sink failed or is
/// not configured) is still shown.
/// </summary>
internal sealed class SummaryMarkdownSink : ResultSinkBase
{
    /// <summary>The file name inside a results folder.</summary>
    public const string SummaryFileName = "summary.md";

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private readonly HashSet<int?> toldLines = [];

    /// <summary>Creates the sink.</summary>
    /// <param name="resultsDirectory">The results folder.</param>
    /// <param name="options">Lock timeout and notices.</param>
    public SummaryMarkdownSink(string resultsDirectory, ResultsFolderOptions? options = null)
        : base(resultsDirectory, SummaryFileName, options)
    {
    }

    /// <summary>
    /// Appends the summary of one run (every row with <paramref name="runId"/> in the folder) to a Markdown file such
    /// as GitHub's step summary; the caller passes the path (e.g. from <c>GITHUB_STEP_SUMMARY</c>).
    /// </summary>
    /// <returns>The number of trials summarised; 0 writes nothing.</returns>
    public int AppendRunSummaryTo(string stepSummaryPath, Guid runId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(stepSummaryPath);
        IReadOnlyList<IReadOnlyDictionary<string, string>> rows = [];
        using (LockFolder())
        {
            Guard(() => rows = ReadRecordedRows([]));
        }

        var text = SummaryMarkdown.RenderRun(rows, runId);
        if (text.Length == 0)
        {
            return 0;
        }

        File.AppendAllText(stepSummaryPath, text, Utf8);
        var id = runId.ToString("D");
        return rows.Count(r => string.Equals(r["run_id"], id, StringComparison.OrdinalIgnoreCase));
    }

    /// <inheritdoc/>
    protected override void AppendLocked(ResultRow row)
    {
        CheckExistingSummary();
        var setAside = new List<ResultsFileFormatException>();
        var rows = ReadRecordedRows(setAside).ToList();
        var current = ResultColumns.All.ToDictionary(c => c.Name, c => c.FormatValue(row), StringComparer.Ordinal);
        if (!rows.Any(r => SameTrial(r, current)))
        {
            rows.Add(current);
        }

        var temporary = Path.Combine(ResultsDirectory, $".{SummaryFileName}.{Environment.ProcessId}.tmp");
        using (var file = new FileStream(temporary, ResultsFileMode.Options(FileMode.Create, FileAccess.Write, FileShare.None)))
        using (var writer = new StreamWriter(file, Utf8))
        {
            writer.Write(SummaryMarkdown.RenderFolder(rows, setAside));
        }

        File.Move(temporary, FilePath, overwrite: true);
    }

    // A damaged line of experiments.jsonl (edited by hand, another tool's line) is set aside, listed in the summary
    // and told once per line, never fatal: the summary is derived, and must not fail the measurements that follow.
    private IReadOnlyList<IReadOnlyDictionary<string, string>> ReadRecordedRows(List<ResultsFileFormatException> setAside)
    {
        var jsonl = Path.Combine(ResultsDirectory, ExperimentsJsonl.FileName);
        if (!File.Exists(jsonl))
        {
            return [];
        }

        var rows = ExperimentsJsonl.ReadReadable(jsonl, setAside);
        foreach (var damaged in setAside)
        {
            if (toldLines.Add(damaged.LineNumber))
            {
                Options.Notice?.Invoke($"summary.md leaves out line {damaged.LineNumber} of '{jsonl}', which cannot be read: {damaged.Message}");
            }
        }

        return rows;
    }

    private void CheckExistingSummary() => CheckBeforeMeasuring();

    /// <inheritdoc/>
    protected override void CheckExistingFile(string firstLine)
    {
        if (firstLine != SummaryMarkdown.Marker)
        {
            throw new ResultsFileFormatException(
                $"'{FilePath}' exists but was not written by EnergyFacts (its first line is not the EnergyFacts summary marker), " +
                "and EnergyFacts rewrites summary.md after every trial. Choose another results folder (ENERGYFACTS_RESULTS_DIR " +
                "or --energy-results) or move the file away.",
                FilePath,
                1);
        }
    }

    private static bool SameTrial(IReadOnlyDictionary<string, string> a, Dictionary<string, string> b) =>
        a["run_id"] == b["run_id"] && a["experiment_id"] == b["experiment_id"] && a["trial"] == b["trial"];
}
