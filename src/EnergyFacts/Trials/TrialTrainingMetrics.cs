using EnergyFacts.Metrics;
using EnergyFacts.Results;

namespace EnergyFacts.Trials;

/// <summary>A trial's history and reported metrics as <see cref="TrainingMetrics"/> takes them (the metrics room knows no result rows).</summary>
internal static class TrialTrainingMetrics
{
    /// <summary>TTCAPC, TTCAPEC, FMS and ASC of a trial.</summary>
    /// <param name="history">The trial's epochs, in order.</param>
    /// <param name="metrics">Its reported metrics (final values).</param>
    /// <param name="totalEnergy">Its energy, PUE included.</param>
    /// <param name="settings">The row metric settings; <see cref="RowMetricSettings.Performance"/> picks top-1 or a metric.</param>
    public static TrainingMetrics Of(IReadOnlyList<EpochRecord> history, IReadOnlyList<ReportedMetric> metrics, Joules totalEnergy, RowMetricSettings settings)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(settings);
        var name = settings.Performance;
        double? PerformanceAt(EpochRecord epoch) => name == "top1" ? epoch.EvalTop1 : epoch.Metrics.FirstOrDefault(m => m.Name == name)?.Value;
        var final = name == "top1"
            ? (history.Count > 0 ? history[^1].EvalTop1 : null)
            : metrics.FirstOrDefault(m => m.Name == name)?.Value;
        return TrainingMetrics.Of([.. history.Select(e => new TrainingEpoch(e.Epoch, e.Duration, e.Energy, PerformanceAt(e)))], final, totalEnergy, settings);
    }
}
