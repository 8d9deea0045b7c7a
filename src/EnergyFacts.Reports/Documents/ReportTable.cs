using System.Globalization;
using EnergyFacts.Metrics;
using EnergyFacts.Reports.Input;
using EnergyFacts.Results.Markdown;

namespace EnergyFacts.Reports.Documents;

/// <summary>
/// The report's results table as data: one column per figure, each reading one <see cref="ReportedExperiment"/>,
/// so report.html, report.md and report.xlsx show the same columns with the same units.
/// </summary>
internal sealed class ReportTable
{
    private ReportTable(IReadOnlyList<ReportTableColumn> columns) => Columns = columns;

    /// <summary>The columns, in order.</summary>
    public IReadOnlyList<ReportTableColumn> Columns { get; }

    /// <summary>The table with APC computed for <paramref name="weights"/> (consumption in Wh per run).</summary>
    public static ReportTable For(ApcWeights weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var apcHeader = string.Create(CultureInfo.InvariantCulture, $"APC (α={weights.Alpha:G4}, β={weights.Beta:G4}, Wh/run)");
        return new ReportTable(
        [
            new("experiment", ReportCellKind.Text, e => e.Name),
            new("model", ReportCellKind.Text, e => e.Text("model")),
            new("batch", ReportCellKind.Number, e => WholeNumber(e, "batch_size")),
            new("epochs", ReportCellKind.Number, e => WholeNumber(e, "epochs")),
            new("trial", ReportCellKind.Number, e => WholeNumber(e, "trial")),
            new("status", ReportCellKind.Text, e => e.Text("status")),
            new("energy source", ReportCellKind.Provenance, e => e.Provenance.Label()),
            new("energy (J)", ReportCellKind.Number, e => e.EnergyJoules),
            new("energy (kWh)", ReportCellKind.Number, e => e.EnergyJoules / Joules.PerKilowattHour),
            new("emissions (g CO2eq)", ReportCellKind.Number, e => e.EmissionsKilograms * 1_000),
            new("duration (s)", ReportCellKind.Number, e => e.DurationSeconds),
            new("J/sample", ReportCellKind.Number, e => e.JoulesPerSample),
            new("top-1", ReportCellKind.Number, e => e.Top1),
            new(apcHeader, ReportCellKind.Number, e => Apc(e, weights)),
            new("metrics", ReportCellKind.Text, e => e.Text("metrics")),
            new("components", ReportCellKind.Detail, e => e.Text("energy_source")),
            new("from", ReportCellKind.Detail, e => string.Create(CultureInfo.InvariantCulture, $"{e.FilePath}:{e.LineNumber}")),
        ]);
    }

    /// <summary>A cell as text: numbers with about four significant digits (invariant culture), missing values as —.</summary>
    public static string Format(object? value) => value switch
    {
        null => "—",
        double number => SummaryMarkdown.Readable(number),
        long number => number.ToString(CultureInfo.InvariantCulture),
        string { Length: 0 } => "—",
        string text => text,
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "—",
    };

    private static long? WholeNumber(ReportedExperiment experiment, string column) =>
        long.TryParse(experiment.Text(column), NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) ? number : null;

    private static double? Apc(ReportedExperiment experiment, ApcWeights weights) =>
        experiment.EnergyWattHours is { } wattHours && experiment.Top1 is { } top1
            ? AccuracyPerConsumption.Apc(new Consumption(wattHours, ConsumptionUnit.WattHoursPerRun), top1, weights).Value
            : null;
}

/// <summary>How a report cell is shown.</summary>
internal enum ReportCellKind
{
    /// <summary>Text, left-aligned.</summary>
    Text,

    /// <summary>A number, right-aligned; a number cell in report.xlsx.</summary>
    Number,

    /// <summary>Supporting text (per-component sources, file and line), small and wrapped in HTML.</summary>
    Detail,

    /// <summary>The energy provenance, as a badge in the plots' shape and colour.</summary>
    Provenance,
}

/// <summary>One column of the <see cref="ReportTable"/>.</summary>
/// <param name="Header">Heading with the unit.</param>
/// <param name="Kind">How its cells are shown.</param>
/// <param name="Value">The cell of one trial: a <see cref="double"/>, a <see cref="long"/>, a <see cref="string"/> or <see langword="null"/> when missing.</param>
internal sealed record ReportTableColumn(string Header, ReportCellKind Kind, Func<ReportedExperiment, object?> Value);
