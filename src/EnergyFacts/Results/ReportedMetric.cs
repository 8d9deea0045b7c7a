using System.Globalization;

namespace EnergyFacts;

/// <summary>
/// A figure an experiment reports about itself beyond loss and accuracy (mIoU, aAcc, AP50, F1 …), with its unit and
/// direction. Written typed to <c>experiments.jsonl</c> and as <c>name=value</c> into the CSV's one <c>metrics</c> column.
/// </summary>
public sealed record ReportedMetric
{
    /// <summary>Creates a metric.</summary>
    /// <param name="name">Name, e.g. <c>mIoU</c>: non-empty, without <c>=</c>, <c>;</c> or control characters.</param>
    /// <param name="value">A finite value.</param>
    /// <param name="unit">Unit, e.g. <c>%</c>; <see langword="null"/> for a plain number.</param>
    /// <param name="higherIsBetter">Whether a larger value is better (accuracy) or worse (error rate).</param>
    /// <exception cref="ArgumentException">The name or the value is not allowed; the message says what is.</exception>
    public ReportedMetric(string name, double value, string? unit = null, bool higherIsBetter = true)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Any(c => c is '=' or ';' || char.IsControl(c)) || name.Trim() != name)
        {
            throw new ArgumentException($"Metric name '{name}' is not allowed: a non-empty name without '=', ';', control characters or surrounding spaces, e.g. \"mIoU\".", nameof(name));
        }

        if (!double.IsFinite(value))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Metric '{name}' = {value} is not allowed: a finite number."), nameof(value));
        }

        if (unit is not null && unit.Any(c => c is '=' or ';' || char.IsControl(c)))
        {
            throw new ArgumentException($"Unit '{unit}' of metric '{name}' is not allowed: no '=', ';' or control characters.", nameof(unit));
        }

        Name = name;
        Value = value;
        Unit = unit;
        HigherIsBetter = higherIsBetter;
    }

    /// <summary>Name, e.g. <c>mIoU</c>.</summary>
    public string Name { get; }

    /// <summary>The value, finite.</summary>
    public double Value { get; }

    /// <summary>Unit, or <see langword="null"/>.</summary>
    public string? Unit { get; }

    /// <summary>Whether larger is better.</summary>
    public bool HigherIsBetter { get; }

    /// <summary>The CSV form of a list: <c>mIoU=0.712;F1=0.8</c>, round-trippable, invariant culture; empty when none.</summary>
    public static string? FormatList(IReadOnlyList<ReportedMetric> metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        return metrics.Count == 0 ? null : string.Join(';', metrics.Select(m => m.Name + "=" + m.Value.ToString("R", CultureInfo.InvariantCulture)));
    }
}
