namespace EnergyFacts.Metrics;

/// <summary>One point of a performance–energy curve: the metric reached after spending an accumulated energy.</summary>
/// <param name="CumulativeEnergy">Energy spent so far.</param>
/// <param name="Performance">The performance metric there (top-1, mIoU, AP …), a fraction in [0, 1].</param>
internal sealed record PerformancePoint(Joules CumulativeEnergy, double Performance);
