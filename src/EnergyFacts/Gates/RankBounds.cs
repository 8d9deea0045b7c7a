using System.Collections.Concurrent;
using Perfolizer.Mathematics.SignificanceTesting.MannWhitney;

namespace EnergyFacts.Gates;

/// <summary>
/// Which order statistics of the n·m pairwise comparisons bound a two-sample Hodges–Lehmann estimate (the
/// distribution-free interval that inverts the Mann–Whitney rank test): the k-th smallest and k-th largest, k the
/// largest with P(U ≤ k − 1) ≤ misrate / 2 under the null. P comes from Perfolizer's exact Mann–Whitney distribution
/// while n + m ≤ <see cref="ExactLimit"/>, its Edgeworth approximation beyond.
/// </summary>
internal static class RankBounds
{
    /// <summary>Largest n + m for the exact distribution (Perfolizer's exact CDF stops just above this size).</summary>
    public const int ExactLimit = 64;

    private static readonly ConcurrentDictionary<(int N, int M, double Misrate), Index> Cache = new();

    /// <summary>The rank index for current size <paramref name="n"/> and baseline size <paramref name="m"/>.</summary>
    /// <returns>k ≥ 1 and the confidence the interval actually has (≥ the asked one); k = 0 when no interval reaches it (too few trials).</returns>
    public static Index For(int n, int m, GateConfidence confidence)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        ArgumentOutOfRangeException.ThrowIfNegative(m);
        return Cache.GetOrAdd((n, m, confidence.Misrate), static key => Compute(key.N, key.M, key.Misrate));
    }

    /// <summary>
    /// The smallest rank-test misrate n and m trials allow: 2 / C(n + m, n), both sides (the most extreme ordering of
    /// the samples is the only one rarer than any other). The bounds exist only when this is ≤ the misrate asked.
    /// </summary>
    public static double SmallestMisrate(int n, int m) => n == 0 || m == 0 ? 1 : Math.Min(1, 2 / BinomialCoefficient(n + m, n));

    /// <summary>The fewest current trials that allow bounds at <paramref name="confidence"/> against <paramref name="m"/> baseline trials (int.MaxValue when m = 0).</summary>
    public static int MinimumTrials(int m, GateConfidence confidence)
    {
        if (m <= 0)
        {
            return int.MaxValue;
        }

        var n = 1;
        while (SmallestMisrate(n, m) > confidence.Misrate)
        {
            n++;
        }

        return n;
    }

    /// <summary>The fewest trials, the same for baseline and current, that allow bounds at <paramref name="confidence"/>.</summary>
    public static int MinimumBalancedTrials(GateConfidence confidence)
    {
        var n = 1;
        while (SmallestMisrate(n, n) > confidence.Misrate)
        {
            n++;
        }

        return n;
    }

    /// <summary>C(a, b) as a double (exact up to 2^53, enough for the comparisons here).</summary>
    public static double BinomialCoefficient(int a, int b)
    {
        b = Math.Min(b, a - b);
        var result = 1.0;
        for (var i = 1; i <= b; i++)
        {
            result = result * (a - b + i) / i;
        }

        return Math.Round(result);
    }

    private static Index Compute(int n, int m, double misrate)
    {
        if (n == 0 || m == 0 || SmallestMisrate(n, m) > misrate)
        {
            return new Index(0, 0, n + m <= ExactLimit);
        }

        var exact = n + m <= ExactLimit;
        IMannWhitneyCdf cdf = exact ? MannWhitneyClassicExactCdf.Instance : MannWhitneyEdgeworthApproxCdf.Instance;

        // Perfolizer's Cdf(n, m, u) is P(U < u), i.e. P(U ≤ u − 1); it grows with u, so the largest k with
        // Cdf(n, m, k) ≤ misrate / 2 is found by bisection over 1 … ⌊n·m / 2⌋ (k never passes the middle).
        var low = 1;
        var high = (n * m + 1) / 2;
        while (low < high)
        {
            var middle = (low + high + 1) / 2;
            if (cdf.Cdf(n, m, middle) <= misrate / 2)
            {
                low = middle;
            }
            else
            {
                high = middle - 1;
            }
        }

        return new Index(low, 1 - (2 * cdf.Cdf(n, m, low)), exact);
    }

    /// <summary>A rank index.</summary>
    /// <param name="K">The k-th smallest and k-th largest pairwise value bound the estimate; 0 when too few trials.</param>
    /// <param name="AchievedConfidence">The interval's actual two-sided confidence, 1 − 2·P(U ≤ k − 1).</param>
    /// <param name="IsExact">Whether P is exact (n + m ≤ <see cref="ExactLimit"/>) rather than Edgeworth's approximation.</param>
    internal readonly record struct Index(int K, double AchievedConfidence, bool IsExact);
}
