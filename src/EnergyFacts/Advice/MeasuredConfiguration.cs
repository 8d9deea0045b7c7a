namespace EnergyFacts.Advice;

/// <summary>
/// A configuration with its trials aggregated: each figure is the median over the trials that have it (the median,
/// not the mean, so one noisy trial on a shared machine does not move the advice).
/// </summary>
/// <param name="Key">The configuration.</param>
/// <param name="Trials">How many trials were aggregated.</param>
/// <param name="Top1">Median top-1 accuracy, a fraction; <see langword="null"/> when no trial has one.</param>
/// <param name="EnergyPerRun">Median energy per run, PUE included.</param>
/// <param name="Latency">Median milliseconds per sample; <see langword="null"/> when unknown.</param>
/// <param name="JoulesPerSample">Median joules per sample; <see langword="null"/> when unknown.</param>
/// <param name="Source">The trials' energy sources, distinct, joined by <c>, </c>.</param>
internal sealed record MeasuredConfiguration(
    ConfigurationKey Key,
    int Trials,
    double? Top1,
    Joules EnergyPerRun,
    MillisecondsPerSample? Latency,
    double? JoulesPerSample,
    string Source)
{
    /// <summary>The figure the advisor minimises: energy per run or per sample, in joules; <see langword="null"/> when unknown.</summary>
    public double? Energy(EnergyObjective objective) => objective == EnergyObjective.PerSample ? JoulesPerSample : EnergyPerRun.Value;

    /// <summary>Groups trials by <see cref="ConfigurationKey"/> and takes each figure's median; sorted by key.</summary>
    public static IReadOnlyList<MeasuredConfiguration> Aggregate(IEnumerable<ConfigurationTrial> trials)
    {
        ArgumentNullException.ThrowIfNull(trials);
        return [.. trials
            .GroupBy(t => t.Key)
            .OrderBy(g => g.Key)
            .Select(g => new MeasuredConfiguration(
                g.Key,
                g.Count(),
                Median(g.Select(t => t.Top1)),
                new Joules(Median(g.Select(t => (double?)t.EnergyPerRun.Value)) ?? 0),
                Median(g.Select(t => t.Latency?.Value)) is { } latency ? new MillisecondsPerSample(latency) : null,
                Median(g.Select(t => t.JoulesPerSample)),
                string.Join(", ", g.Select(t => t.Source).Where(s => s.Length > 0).Distinct(StringComparer.Ordinal))))];
    }

    /// <summary>The median of the known values (mean of the middle two for an even count); <see langword="null"/> when none.</summary>
    internal static double? Median(IEnumerable<double?> values)
    {
        var known = values.Where(v => v is { } x && double.IsFinite(x)).Select(v => v!.Value).Order().ToArray();
        return known.Length == 0 ? null
            : known.Length % 2 == 1 ? known[known.Length / 2]
            : (known[(known.Length / 2) - 1] + known[known.Length / 2]) / 2;
    }
}
