using System.Globalization;
using System.Text;
using EnergyFacts.Results.Markdown;

namespace EnergyFacts.Results.Terminal;

/// <summary>
/// The compact table printed once at the end of a test run: per trial its case, status, energy with unit and source,
/// energy per sample, top-1 and how much of its budget it used. Plain text, aligned, no colour (CI logs read it as is).
/// </summary>
internal static class RunResultsTable
{
    private static readonly string[] Header = ["case", "status", "energy", "source", "J/sample", "top-1", "budget use"];

    // Each budget limit's name → the column it limits (budgets are written as Name=limit;Name=limit).
    private static readonly (string Limit, string Column)[] BudgetColumns =
    [
        ("MaxKilowattHours", "energy_consumed"),
        ("MaxSeconds", "duration"),
        ("MaxKgCo2", "emissions"),
        ("MaxJoulesPerSample", "joules_per_sample"),
    ];

    /// <summary>The table for the rows of <paramref name="runId"/>; empty when the run recorded none.</summary>
    public static string Render(IReadOnlyList<IReadOnlyDictionary<string, string>> rows, Guid runId)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var id = runId.ToString("D");
        var own = rows.Where(r => string.Equals(Get(r, "run_id"), id, StringComparison.OrdinalIgnoreCase)).ToList();
        if (own.Count == 0)
        {
            return string.Empty;
        }

        var cells = new List<string[]> { Header };
        cells.AddRange(own.Select(Cells));
        var widths = Enumerable.Range(0, Header.Length).Select(i => cells.Max(c => c[i].Length)).ToArray();
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"EnergyFacts · {own.Count} trial{(own.Count == 1 ? "" : "s")} · PUE {Get(own[0], "pue")} · {Get(own[0], "country_name")}\n");
        foreach (var (row, index) in cells.Select((c, i) => (c, i)))
        {
            for (var i = 0; i < row.Length; i++)
            {
                var numeric = i is 2 or 4 or 5 && index > 0;
                text.Append(numeric ? row[i].PadLeft(widths[i]) : row[i].PadRight(widths[i]));
                text.Append(i == row.Length - 1 ? "\n" : "  ");
            }

            if (index == 0)
            {
                text.Append(string.Join("  ", widths.Select(w => new string('-', w)))).Append('\n');
            }
        }

        text.Append("energy includes the PUE; source: measured = hardware counter, estimated = model, replayed = trace.\n");
        return text.ToString();
    }

    private static string[] Cells(IReadOnlyDictionary<string, string> row)
    {
        var name = Get(row, "experiment_name");
        var trials = Get(row, "trials");
        if (trials.Length > 0 && trials != "1")
        {
            name += $" #{Get(row, "trial")}";
        }

        return
        [
            name.Length > 60 ? name[..59] + "…" : name,
            Get(row, "status"),
            Energy(row),
            Get(row, "energy_source"),
            Number(row, "joules_per_sample"),
            TryNumber(row, "eval_top1", out var top1) ? top1.ToString("P1", CultureInfo.InvariantCulture).Replace(" ", "", StringComparison.Ordinal) : "—",
            BudgetUse(row),
        ];
    }

    // The most used limit, e.g. "83% of MaxKilowattHours"; "—" without a budget.
    private static string BudgetUse(IReadOnlyDictionary<string, string> row)
    {
        var budget = Get(row, "budget");
        if (budget.Length == 0)
        {
            return "—";
        }

        (double Share, string Limit)? most = null;
        foreach (var part in budget.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var (name, limitText) = part.IndexOf('=', StringComparison.Ordinal) is var eq and > 0 ? (part[..eq], part[(eq + 1)..]) : (part, "");
            var column = BudgetColumns.FirstOrDefault(b => b.Limit == name).Column;
            if (column is null || !double.TryParse(limitText, NumberStyles.Float, CultureInfo.InvariantCulture, out var limit)
                || !TryNumber(row, column, out var used))
            {
                continue;
            }

            var share = limit > 0 ? used / limit : used > 0 ? double.PositiveInfinity : 0;
            if (most is null || share > most.Value.Share)
            {
                most = (share, name);
            }
        }

        return most is { } m
            ? (!double.IsFinite(m.Share) ? "∞" : m.Share is > 0 and < 0.01 ? "<1%" : m.Share.ToString("P0", CultureInfo.InvariantCulture).Replace(" ", "", StringComparison.Ordinal)) + " of " + m.Limit
            : "—";
    }

    private static string Energy(IReadOnlyDictionary<string, string> row)
    {
        if (!TryNumber(row, "energy_joules", out var joules))
        {
            return "—";
        }

        return Math.Abs(joules) >= 3_600_000 ? SummaryMarkdown.Readable(joules / 3_600_000) + " kWh"
            : Math.Abs(joules) >= 1_000 ? SummaryMarkdown.Readable(joules / 1_000) + " kJ"
            : SummaryMarkdown.Readable(joules) + " J";
    }

    private static string Number(IReadOnlyDictionary<string, string> row, string column) =>
        TryNumber(row, column, out var value) ? SummaryMarkdown.Readable(value) : "—";

    private static bool TryNumber(IReadOnlyDictionary<string, string> row, string column, out double value) =>
        double.TryParse(Get(row, column), NumberStyles.Float, CultureInfo.InvariantCulture, out value);

    private static string Get(IReadOnlyDictionary<string, string> row, string column) =>
        row.TryGetValue(column, out var value) ? value : string.Empty;
}
