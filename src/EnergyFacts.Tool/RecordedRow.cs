using System.Globalization;

namespace EnergyFacts.Tool;

/// <summary>
/// One trial as recorded in a results file: its columns (name → invariant text, as <c>ExperimentsJsonl.Read</c> and
/// <c>EmissionsCsv.Read</c> give them), where it was read, and the raw <c>experiments.jsonl</c> line when it came from one.
/// </summary>
/// <param name="Columns">Every results column, empty text when unknown.</param>
/// <param name="Path">The file it was read from.</param>
/// <param name="Line">1-based line in that file.</param>
/// <param name="JsonLine">The line as written, when read from experiments.jsonl; merged folders copy it unchanged, keeping every field.</param>
internal sealed record RecordedRow(IReadOnlyDictionary<string, string> Columns, string Path, int Line, string? JsonLine)
{
    /// <summary>A column's text, empty when the row has none.</summary>
    public string this[string column] => Columns.TryGetValue(column, out var value) ? value : string.Empty;

    /// <summary>The identity of the trial: run id, experiment id and trial number.</summary>
    public (string RunId, string ExperimentId, string Trial) TrialKey => (this["run_id"], this["experiment_id"], this["trial"]);

    /// <summary>Where it was read, e.g. <c>shard1/experiments.jsonl:3</c>.</summary>
    public string Where => string.Create(CultureInfo.InvariantCulture, $"{Path}:{Line}");

    /// <summary>A number column, or <see langword="null"/> when empty or not a finite number.</summary>
    public double? Number(string column) =>
        double.TryParse(this[column], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) ? value : null;

    /// <summary>A whole-number column, or <see langword="null"/>.</summary>
    public long? WholeNumber(string column) =>
        long.TryParse(this[column], NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary>A metric of the <c>metrics</c> column (<c>name=value;…</c>), or <see langword="null"/>.</summary>
    public double? Metric(string name)
    {
        foreach (var pair in this["metrics"].Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0 && string.Equals(pair[..equals], name, StringComparison.OrdinalIgnoreCase)
                && double.TryParse(pair[(equals + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value))
            {
                return value;
            }
        }

        return null;
    }
}
