using EnergyFacts.Advice;

namespace EnergyFacts.Tool;

/// <summary>
/// Turns recorded trials into the advisor's <see cref="ConfigurationTrial"/>s. Only complete trials count (status
/// <c>passed</c>, <c>failed</c> — e.g. an assertion on accuracy — or <c>over_budget</c>); errors, cancelled, timed-out,
/// aborted and unmeasured trials are left out. Latency is milliseconds per sample: a reported metric <c>latency_ms</c>
/// (per sample) or <c>batch_latency_ms</c> (per batch, divided by the batch size) when there is one, else the trial's
/// duration ÷ its samples.
/// </summary>
internal static class AdviseInput
{
    private static readonly HashSet<string> CompleteStatuses = new(["passed", "failed", "over_budget"], StringComparer.Ordinal);

    /// <summary>Whether a trial ran to its end, so that its figures describe the configuration.</summary>
    public static bool IsComplete(RecordedRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return CompleteStatuses.Contains(row["status"]);
    }

    /// <summary>The advisor's view of one complete trial; <see langword="null"/> when it has no energy.</summary>
    public static ConfigurationTrial? ToTrial(RecordedRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var energy = row.Number("energy_joules") ?? (row.Number("energy_consumed") is { } kwh ? kwh * Joules.PerKilowattHour : null);
        if (energy is not { } joules || joules < 0)
        {
            return null;
        }

        var batch = (int)Math.Clamp(row.WholeNumber("batch_size") ?? 0, 0, int.MaxValue);
        var key = new ConfigurationKey(row["model"], batch, (int)Math.Clamp(row.WholeNumber("epochs") ?? 0, 0, int.MaxValue), row["device"], row["dataset"]);
        var samples = row.WholeNumber("samples") ?? 0;
        var latency = row.Metric("latency_ms") is { } perSample && perSample >= 0
            ? new MillisecondsPerSample(perSample)
            : row.Metric("batch_latency_ms") is { } perBatch
                ? MillisecondsPerSample.FromBatch(perBatch, batch)
                : row.Number("duration") is { } seconds ? MillisecondsPerSample.FromRun(TimeSpan.FromSeconds(seconds), samples) : null;
        var joulesPerSample = row.Number("joules_per_sample") ?? (samples > 0 ? joules / samples : null);
        return new ConfigurationTrial(key, row.Number("eval_top1"), new Joules(joules), latency, joulesPerSample, row["energy_source"], row.Columns);
    }
}
