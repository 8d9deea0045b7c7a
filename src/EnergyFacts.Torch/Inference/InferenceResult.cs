using System.Globalization;

namespace EnergyFacts.Torch.Inference;

/// <summary>Latency and throughput of one batch size. Latency is per batch (one forward pass, input already on the device).</summary>
/// <param name="BatchSize">Samples per forward pass.</param>
/// <param name="Device">Device used.</param>
/// <param name="Threads">Intra-op CPU threads.</param>
/// <param name="Batches">Timed forward passes.</param>
/// <param name="Inferences">Samples classified in the timed passes (<c>Batches × BatchSize</c>).</param>
/// <param name="TotalTime">Sum of the timed passes.</param>
/// <param name="P50Latency">Median per-batch latency.</param>
/// <param name="P95Latency">95th-percentile per-batch latency (nearest rank).</param>
/// <param name="MeanLatency">Mean per-batch latency.</param>
public sealed record InferenceResult(
    int BatchSize,
    string Device,
    int Threads,
    int Batches,
    long Inferences,
    TimeSpan TotalTime,
    TimeSpan P50Latency,
    TimeSpan P95Latency,
    TimeSpan MeanLatency)
{
    /// <summary>Samples per second over the timed passes.</summary>
    public double SamplesPerSecond => TotalTime > TimeSpan.Zero ? Inferences / TotalTime.TotalSeconds : 0;

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"batch {BatchSize}: p50 {P50Latency.TotalMilliseconds:F2} ms, p95 {P95Latency.TotalMilliseconds:F2} ms, {SamplesPerSecond:F0} samples/s ({Inferences} inferences, {Device}, {Threads} thread(s))");
}
