using System.Globalization;

namespace EnergyFacts.Advice;

/// <summary>
/// The advisor's latency: wall-clock milliseconds per sample, i.e. the trial's duration divided by the samples it
/// processed (1000 / throughput). It is per sample, not per batch, so that batch sizes compare fairly; a per-batch
/// latency is divided by the batch size (<see cref="FromBatch"/>).
/// </summary>
/// <param name="Value">Milliseconds per sample, finite and ≥ 0.</param>
internal readonly record struct MillisecondsPerSample(double Value) : IComparable<MillisecondsPerSample>
{
    /// <summary>The latency of a run of <paramref name="samples"/> samples that took <paramref name="duration"/>; <see langword="null"/> without samples.</summary>
    public static MillisecondsPerSample? FromRun(TimeSpan duration, long samples) =>
        samples > 0 && duration >= TimeSpan.Zero ? new(duration.TotalMilliseconds / samples) : null;

    /// <summary>A per-batch latency in milliseconds spread over the batch's samples.</summary>
    public static MillisecondsPerSample? FromBatch(double millisecondsPerBatch, int batchSize) =>
        batchSize > 0 && double.IsFinite(millisecondsPerBatch) && millisecondsPerBatch >= 0 ? new(millisecondsPerBatch / batchSize) : null;

    /// <inheritdoc/>
    public int CompareTo(MillisecondsPerSample other) => Value.CompareTo(other.Value);

    /// <summary>E.g. <c>0.0125 ms/sample</c>.</summary>
    public override string ToString() => Value.ToString("G4", CultureInfo.InvariantCulture) + " ms/sample";
}
