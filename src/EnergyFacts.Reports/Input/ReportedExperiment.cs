using System.Globalization;

namespace EnergyFacts.Reports.Input;

/// <summary>
/// One row (one trial) of a results folder as the report shows it: its columns as recorded (column name → invariant
/// text, as <c>ExperimentsJsonl.Read</c> gives them), its per-epoch history, and where it was read from.
/// </summary>
internal sealed class ReportedExperiment
{
    /// <summary>Creates the row.</summary>
    /// <param name="filePath">The results file it was read from.</param>
    /// <param name="lineNumber">Its 1-based line there.</param>
    /// <param name="columns">Its columns, name → text.</param>
    /// <param name="history">Its epochs, in order (empty for rows read from emissions.csv).</param>
    public ReportedExperiment(string filePath, int lineNumber, IReadOnlyDictionary<string, string> columns, IReadOnlyList<EpochPoint> history)
    {
        FilePath = filePath;
        LineNumber = lineNumber;
        Columns = columns;
        History = history;
        Provenance = EnergyProvenances.Of(Text("energy_source"));
    }

    /// <summary>The results file the row was read from.</summary>
    public string FilePath { get; }

    /// <summary>1-based line of the row in <see cref="FilePath"/>.</summary>
    public int LineNumber { get; }

    /// <summary>The row's columns as recorded.</summary>
    public IReadOnlyDictionary<string, string> Columns { get; }

    /// <summary>Per-epoch history, in order.</summary>
    public IReadOnlyList<EpochPoint> History { get; }

    /// <summary>Where the energy came from.</summary>
    public EnergyProvenance Provenance { get; }

    /// <summary>The case's display name, else its id.</summary>
    public string Name => Text("experiment_name") is { Length: > 0 } name ? name : Text("experiment_id");

    /// <summary>
    /// Energy with PUE in joules (<c>energy_joules</c>, else <c>energy_consumed</c> when that column is empty);
    /// <see langword="null"/> when missing, not finite or negative: such rows are listed but not plotted.
    /// </summary>
    public double? EnergyJoules => Text("energy_joules").Length > 0
        ? Number("energy_joules") is { } joules && joules >= 0 ? joules : null
        : Number("energy_consumed") is { } kwh && kwh >= 0 ? kwh * Joules.PerKilowattHour : null;

    /// <summary>Energy with PUE in watt-hours, the consumption the APC plot uses.</summary>
    public double? EnergyWattHours => EnergyJoules / Metrics.EnergyUnits.JoulesPerWattHour;

    /// <summary>Length of the measured window in seconds.</summary>
    public double? DurationSeconds => Number("duration") is { } seconds && seconds >= 0 ? seconds : null;

    /// <summary>Emissions in kilograms CO2eq.</summary>
    public double? EmissionsKilograms => Number("emissions") is { } kg && kg >= 0 ? kg : null;

    /// <summary>Last epoch's top-1 accuracy, a fraction from 0 to 1.</summary>
    public double? Top1 => Number("eval_top1") is { } top1 && top1 is >= 0 and <= 1 ? top1 : null;

    /// <summary>Energy per training sample in joules.</summary>
    public double? JoulesPerSample => Number("joules_per_sample") is { } j && j >= 0 ? j : null;

    /// <summary>Batch size, when recorded.</summary>
    public int? BatchSize => int.TryParse(Text("batch_size"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var batch) ? batch : null;

    /// <summary>The column's text, empty when absent.</summary>
    public string Text(string column) => Columns.TryGetValue(column, out var value) ? value : string.Empty;

    /// <summary>The column as a finite number; <see langword="null"/> when empty, not a number, NaN or infinite.</summary>
    public double? Number(string column) =>
        double.TryParse(Text(column), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) ? value : null;
}
