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

    private const string TableHeader =
        "| experiment | status | duration (s) | energy (J) | energy (kWh) | source | emissions (g CO2eq) | top-1 | metrics | J/sample | budget |\n" +
        "|:--|:--|--:|--:|--:|:--|--:|--:|:--|--:|:--|\n";

    /// <summary>The whole <c>summary.md</c> for all rows of a results folder, runs in order of first appearance.</summary>
    public static string RenderFolder(IReadOnlyList<IReadOnlyDictionary<string, string>> rows)
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
            var trials = Get(row, "trials");
            var name = Get(row, "experiment_name");
            if (trials.Length > 0 && trials != "1")
            {
                name += $" · trial {Get(row, "trial")}/{trials}";
            }

            var status = Get(row, "status");
            text.Append("| ").Append(Cell(name))
                .Append(" | ").Append(status == "passed" ? status : $"**{status}**")
                .Append(" | ").Append(Number(row, "duration"))
                .Append(" | ").Append(Number(row, "energy_joules"))
                .Append(" | ").Append(Number(row, "energy_consumed"))
                .Append(" | ").Append(Cell(Get(row, "energy_source")))
                .Append(" | ").Append(Number(row, "emissions", 1_000))
                .Append(" | ").Append(Number(row, "eval_top1"))
                .Append(" | ").Append(Cell(Get(row, "metrics")))
                .Append(" | ").Append(Number(row, "joules_per_sample"))
                .Append(" | ").Append(Cell(Get(row, "budget")))
                .Append(" |\n");
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
                var energy = Statistics(trials, "energy_joules", 1);
                var duration = Statistics(trials, "duration", 1);
                var emissions = Statistics(trials, "emissions", 1_000);
                text.Append("| ").Append(Cell(Get(trials[0], "experiment_name")))
                    .Append(" | ").Append(trials.Count.ToString(CultureInfo.InvariantCulture))
                    .Append(" | ").Append(MeanAndHalfWidth(energy))
                    .Append(" | ").Append(energy?.StandardDeviation is { } sd ? Readable(sd) : "—")
                    .Append(" | ").Append(MeanAndHalfWidth(duration))
                    .Append(" | ").Append(MeanAndHalfWidth(emissions))
                    .Append(" |\n");
            }
        }

        text.Append('\n');
    }

    private static void AppendLegend(StringBuilder text) =>
        text.Append(
            "Energy includes the PUE. Source per component: measured = hardware counter, estimated = computed from a model " +
            "(not a measurement), replayed = recorded trace, none = no probe. Full columns: emissions.csv and experiments.jsonl.\n");

    private static QuantityStatistics? Statistics(List<IReadOnlyDictionary<string, string>> rows, string column, double scale)
    {
        var values = new List<double>();
        foreach (var row in rows)
        {
            if (TryNumber(row, column, out var value) && double.IsFinite(value))
            {
                values.Add(value * scale);
            }
        }

        return values.Count == 0 ? null : QuantityStatistics.Of(values);
    }

    private static string MeanAndHalfWidth(QuantityStatistics? statistics) =>
        statistics is null ? "—"
        : statistics.HalfWidth is { } half ? $"{Readable(statistics.Mean)} ± {Readable(half)}"
        : Readable(statistics.Mean);

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
}
