using System.Globalization;
using System.Text;
using EnergyFacts.Accounting;

namespace EnergyFacts.Results.Markdown;

/// <summary>
/// Renders recorded rows (column name → text, as read back from <c>experiments.jsonl</c> or <c>emissions.csv</c>)
/// as a readable Markdown summary: one table per run, plus mean and spread for cases with several trials.
/// </summary>
internal static class SummaryMarkdown
{
    /// <summary>First line of every <c>summary.md</c>; a file without it is not EnergyFacts' and is never overwritten.</summary>
    public const string Marker =
        "<!-- energyfacts:summary · generated from experiments.jsonl and rewritten after every trial; edits are lost -->";

    // The trial table, as data over the results columns: each cell reads one column of ResultColumns by name (checked
    // when this type loads, so a renamed column fails every summary test instead of printing dashes).
    private static readonly SummaryColumn[] TrialTable =
    [
        new("experiment", "experiment_name", SummaryCell.Name),
        new("status", "status", SummaryCell.Status),
        new("duration (s)", "duration", SummaryCell.Number),
        new("energy (J)", "energy_joules", SummaryCell.Number),
        new("energy (kWh)", "energy_consumed", SummaryCell.Number),
        new("source", "energy_source", SummaryCell.Text),
        new("emissions (g CO2eq)", "emissions", SummaryCell.Number, Scale: 1_000),
        new("top-1", "eval_top1", SummaryCell.Number),
        new("metrics", "metrics", SummaryCell.Text),
        new("J/sample", "joules_per_sample", SummaryCell.Number),
        new("budget", "budget", SummaryCell.Text),
    ];

    private static readonly string TableHeader =
        "| " + string.Join(" | ", TrialTable.Select(c => c.Header)) + " |\n|"
        + string.Concat(TrialTable.Select(c => c.Kind == SummaryCell.Number ? "--:|" : ":--|")) + "\n";

    private enum SummaryCell
    {
        Name,
        Status,
        Number,
        Text,
    }

    /// <summary>The whole <c>summary.md</c> for all rows of a results folder, runs in order of first appearance.</summary>
    /// <param name="rows">The recorded rows, column name → text.</param>
    /// <param name="setAside">Lines of experiments.jsonl that could not be read; listed, not shown, never fatal.</param>
    public static string RenderFolder(IReadOnlyList<IReadOnlyDictionary<string, string>> rows, IReadOnlyList<ResultsFileFormatException>? setAside = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var text = new StringBuilder();
        text.Append(Marker).Append('\n');
        text.Append("# EnergyFacts results\n\n");
        if (rows.Count == 0)
        {
            text.Append("No trials recorded yet.\n");
        }

        foreach (var run in rows.GroupBy(r => Get(r, "run_id"), StringComparer.Ordinal))
        {
            AppendRun(text, [.. run], "##");
        }

        if (setAside is { Count: > 0 })
        {
            text.Append("## Lines set aside\n\nThese lines of the results file could not be read and are not shown above; they stay in the file as they are.\n\n");
            foreach (var damaged in setAside)
            {
                text.Append("- line ").Append(damaged.LineNumber?.ToString(CultureInfo.InvariantCulture) ?? "?").Append(": ")
                    .Append(Cell(damaged.Message)).Append('\n');
            }

            text.Append('\n');
        }

        AppendLegend(text);
        return text.ToString();
    }

    /// <summary>The section for one run (e.g. for <c>$GITHUB_STEP_SUMMARY</c>); empty when the run has no rows.</summary>
    public static string RenderRun(IReadOnlyList<IReadOnlyDictionary<string, string>> rows, Guid runId)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var id = runId.ToString("D");
        var own = rows.Where(r => string.Equals(Get(r, "run_id"), id, StringComparison.OrdinalIgnoreCase)).ToList();
        if (own.Count == 0)
        {
            return string.Empty;
        }

        var text = new StringBuilder();
        AppendRun(text, own, "## EnergyFacts ·");
        AppendLegend(text);
        return text.ToString();
    }

    /// <summary>A number with about four significant digits, fixed-point between 0.001 and 1,000,000, else scientific; invariant culture.</summary>
    internal static string Readable(double value)
    {
        if (value == 0)
        {
            return "0";
        }

        if (!double.IsFinite(value))
        {
            return value.ToString(CultureInfo.InvariantCulture);
        }

        var magnitude = Math.Abs(value);
        if (magnitude is < 1e-3 or >= 1e6)
        {
            return value.ToString("0.000E+00", CultureInfo.InvariantCulture);
        }

        var digits = (int)Math.Floor(Math.Log10(magnitude)) + 1;
        var decimals = Math.Clamp(4 - digits, 0, 15);
        return Math.Round(value, decimals, MidpointRounding.AwayFromZero).ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }

    private static void AppendRun(StringBuilder text, List<IReadOnlyDictionary<string, string>> rows, string headingPrefix)
    {
        var first = rows[0];
        text.Append(headingPrefix).Append(" run `").Append(Get(first, "run_id")).Append("` · ")
            .Append(Cell(Get(first, "project_name"))).Append(" · ").Append(Get(first, "timestamp"))
            .Append(" · ").Append(Cell(Get(first, "country_name"))).Append(", PUE ").Append(Get(first, "pue")).Append("\n\n");
        text.Append(TableHeader);
        foreach (var row in rows)
        {
            text.Append('|');
            foreach (var column in TrialTable)
            {
                text.Append(' ').Append(column.Render(row)).Append(" |");
            }

            text.Append('\n');
        }

        var gated = rows.Where(r => Get(r, "gate").Length > 0).ToList();
        if (gated.Count > 0)
        {
            text.Append("\nRegression gate: each case against its baseline (ratio current/baseline with its confidence bounds).\n\n");
            text.Append("| experiment | verdict | figure, ratio [bounds], threshold |\n|:--|:--|:--|\n");
            foreach (var row in gated)
            {
                var gate = Get(row, "gate");
                var space = gate.IndexOf(' ', StringComparison.Ordinal);
                var verdict = space > 0 ? gate[..space] : gate;
                text.Append("| ").Append(Cell(Get(row, "experiment_name")))
                    .Append(" | ").Append(verdict is "regressed" or "mismatch" or "too_few_trials" ? $"**{verdict}**" : verdict)
                    .Append(" | ").Append(Cell(space > 0 ? gate[(space + 1)..] : string.Empty))
                    .Append(" |\n");
            }
        }

        var repeated = rows
            .GroupBy(r => Get(r, "experiment_id"), StringComparer.Ordinal)
            .Where(g => g.Count() > 1)
            .ToList();
        if (repeated.Count > 0)
        {
            text.Append("\nRepeated trials: mean ± half-width of the 95 % confidence interval of the mean (Student t), sd = sample standard deviation.\n\n");
            text.Append("| experiment | n | energy (J) | sd (J) | duration (s) | emissions (g CO2eq) |\n|:--|--:|--:|--:|--:|--:|\n");
            foreach (var group in repeated)
            {
                var trials = group.ToList();
                var statistics = Statistics(trials);
                text.Append("| ").Append(Cell(Get(trials[0], "experiment_name")))
                    .Append(" | ").Append(trials.Count.ToString(CultureInfo.InvariantCulture))
                    .Append(" | ").Append(MeanAndHalfWidth(statistics?.EnergyJoules, 1))
                    .Append(" | ").Append(statistics?.EnergyJoules.StandardDeviation is { } sd ? Readable(sd) : "—")
                    .Append(" | ").Append(MeanAndHalfWidth(statistics?.DurationSeconds, 1))
                    .Append(" | ").Append(MeanAndHalfWidth(statistics?.EmissionsKilograms, 1_000))
                    .Append(" |\n");
            }
        }

        text.Append('\n');
    }

    private static void AppendLegend(StringBuilder text) =>
        text.Append(
            "Energy includes the PUE. Source per component: measured = hardware counter, estimated = computed from a model " +
            "(not a measurement), replayed = recorded trace, none = no probe. Full columns: emissions.csv and experiments.jsonl.\n");

    // The same TrialStatistics the pipeline computes for the last trial, over the trials whose figures are finite.
    private static TrialStatistics? Statistics(List<IReadOnlyDictionary<string, string>> rows)
    {
        var observations = new List<TrialObservation>();
        foreach (var row in rows)
        {
            if (TryNumber(row, "energy_joules", out var joules) && TryNumber(row, "duration", out var seconds)
                && TryNumber(row, "emissions", out var kilograms)
                && double.IsFinite(joules) && double.IsFinite(seconds) && double.IsFinite(kilograms))
            {
                observations.Add(new TrialObservation(new Joules(joules), TimeSpan.FromSeconds(seconds), new KilogramsCo2e(kilograms)));
            }
        }

        return observations.Count == 0 ? null : TrialStatistics.Of(observations);
    }

    private static string MeanAndHalfWidth(QuantityStatistics? statistics, double scale) =>
        statistics is null ? "—"
        : statistics.HalfWidth is { } half ? $"{Readable(statistics.Mean * scale)} ± {Readable(half * scale)}"
        : Readable(statistics.Mean * scale);

    private static string Number(IReadOnlyDictionary<string, string> row, string column, double scale = 1) =>
        TryNumber(row, column, out var value) ? Readable(value * scale) : "—";

    private static bool TryNumber(IReadOnlyDictionary<string, string> row, string column, out double value) =>
        double.TryParse(Get(row, column), NumberStyles.Float, CultureInfo.InvariantCulture, out value);

    private static string Get(IReadOnlyDictionary<string, string> row, string column) =>
        row.TryGetValue(column, out var value) ? value : string.Empty;

    private static string Cell(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("|", "\\|", StringComparison.Ordinal)
            .Replace("\r", " ", StringComparison.Ordinal)
            .Replace("\n", " ", StringComparison.Ordinal);

    private sealed record SummaryColumn(string Header, string Column, SummaryCell Kind, double Scale = 1)
    {
        public string Column { get; } = ResultColumns.Get(Column).Name;

        public string Render(IReadOnlyDictionary<string, string> row)
        {
            switch (Kind)
            {
                case SummaryCell.Name:
                    var trials = Get(row, "trials");
                    var name = Get(row, Column);
                    return SummaryMarkdown.Cell(trials.Length > 0 && trials != "1" ? $"{name} · trial {Get(row, "trial")}/{trials}" : name);
                case SummaryCell.Status:
                    var status = Get(row, Column);
                    return status == FileTokens.Of(ExperimentStatus.Passed) ? status : $"**{status}**";
                case SummaryCell.Number:
                    return Number(row, Column, Scale);
                default:
                    return SummaryMarkdown.Cell(Get(row, Column));
            }
        }
    }
}
