using Pragmastat;
using Pragmastat.Estimators;

namespace EnergyFacts.Gates;

/// <summary>
/// How a figure's current trials compare with its baseline trials: Pragmastat's Hodges–Lehmann estimate (the median of
/// all pairwise ratios current / baseline, or differences for <see cref="Shift"/>) with the distribution-free bounds of
/// <see cref="RankBounds"/>, and both medians.
/// </summary>
/// <param name="Estimate">The ratio (or shift) estimate.</param>
/// <param name="Lower">Lower bound.</param>
/// <param name="Upper">Upper bound.</param>
/// <param name="AchievedConfidence">The bounds' actual two-sided confidence (≥ the asked one; rank tests take discrete steps).</param>
/// <param name="IsExact">Whether the confidence is exact rather than approximated (more than <see cref="RankBounds.ExactLimit"/> trials in all).</param>
/// <param name="BaselineMedian">Median of the baseline trials.</param>
/// <param name="CurrentMedian">Median of the current trials.</param>
internal sealed record TwoSampleComparison(
    double Estimate, double Lower, double Upper, double AchievedConfidence, bool IsExact, double BaselineMedian, double CurrentMedian)
{
    /// <summary>The ratio current / baseline with bounds; <see langword="null"/> when there are too few trials for <paramref name="confidence"/>.</summary>
    /// <exception cref="ArgumentException">A value is not more than 0 (a ratio needs positive values).</exception>
    public static TwoSampleComparison? Ratio(IReadOnlyList<double> baseline, IReadOnlyList<double> current, GateConfidence confidence)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(current);
        if (baseline.Any(v => !(v > 0)) || current.Any(v => !(v > 0)))
        {
            throw new ArgumentException("a ratio compares positive values only; a trial value is 0 or less (no probe covered the figure?)");
        }

        return Compare(baseline, current, confidence, static (x, y) => x / y, static (x, y) => Toolkit.Ratio(x, y));
    }

    /// <summary>The shift current − baseline with bounds (e.g. an accuracy gain); <see langword="null"/> when there are too few trials.</summary>
    public static TwoSampleComparison? Shift(IReadOnlyList<double> baseline, IReadOnlyList<double> current, GateConfidence confidence)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(current);
        return Compare(baseline, current, confidence, static (x, y) => x - y, static (x, y) => Toolkit.Shift(x, y));
    }

    private static TwoSampleComparison? Compare(
        IReadOnlyList<double> baseline,
        IReadOnlyList<double> current,
        GateConfidence confidence,
        Func<double, double, double> pairwise,
        Func<Sample, Sample, double> estimator)
    {
        var index = RankBounds.For(current.Count, baseline.Count, confidence);
        if (index.K == 0)
        {
            return null;
        }

        var pairs = new double[current.Count * baseline.Count];
        var p = 0;
        foreach (var x in current)
        {
            foreach (var y in baseline)
            {
                pairs[p++] = pairwise(x, y);
            }
        }

        Array.Sort(pairs);
        var currentSample = new Sample([.. current]);
        var baselineSample = new Sample([.. baseline]);
        return new TwoSampleComparison(
            estimator(currentSample, baselineSample),
            pairs[index.K - 1],
            pairs[^index.K],
            index.AchievedConfidence,
            index.IsExact,
            MedianEstimator.Instance.Estimate(baselineSample),
            MedianEstimator.Instance.Estimate(currentSample));
    }
}
