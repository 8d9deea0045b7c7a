namespace EnergyFacts.Advice;

/// <summary>
/// Two configurations that accuracy and latency put within the tolerances of each other, with their energy ratio: the
/// energy SLA question is whether that ratio separates them.
/// </summary>
/// <param name="Cheaper">The one with less energy (objective).</param>
/// <param name="Costlier">The other.</param>
/// <param name="Top1Difference">|top-1 difference|, a fraction.</param>
/// <param name="LatencyRatio">Larger ÷ smaller latency; <see langword="null"/> when either is unknown (then compared by accuracy alone).</param>
/// <param name="EnergyRatio">Costlier ÷ cheaper energy, ≥ 1.</param>
/// <param name="Separated">Whether <see cref="EnergyRatio"/> reaches the tolerance's separating ratio.</param>
internal sealed record EnergySeparatedPair(MeasuredConfiguration Cheaper, MeasuredConfiguration Costlier, double Top1Difference, double? LatencyRatio, double EnergyRatio, bool Separated);
