namespace EnergyFacts.Accounting;

/// <summary>Mean and spread of one quantity over repeated trials, with a Student-t confidence interval of the mean.</summary>
/// <param name="Count">Number of trials.</param>
/// <param name="Mean">Arithmetic mean.</param>
/// <param name="StandardDeviation">Sample standard deviation (n − 1 denominator); <see langword="null"/> for fewer than 2 trials.</param>
/// <param name="Min">Smallest value.</param>
/// <param name="Max">Largest value.</param>
/// <param name="ConfidenceLevel">Confidence level of the interval, e.g. 0.95.</param>
/// <param name="ConfidenceLow">Lower end of the interval of the mean; <see langword="null"/> for fewer than 2 trials.</param>
/// <param name="ConfidenceHigh">Upper end of the interval of the mean; <see langword="null"/> for fewer than 2 trials.</param>
internal sealed record QuantityStatistics(
    int Count,
    double Mean,
    double? StandardDeviation,
    double Min,
    double Max,
    double ConfidenceLevel,
    double? ConfidenceLow,
    double? ConfidenceHigh)
{
    /// <summary>Half the width of the confidence interval (the "±" figure); <see langword="null"/> for fewer than 2 trials.</summary>
    public double? HalfWidth => ConfidenceHigh - Mean;

    /// <summary>Computes the statistics of <paramref name="values"/>.</summary>
    /// <param name="values">At least one finite value.</param>
    /// <param name="confidenceLevel">Two-sided confidence level in (0, 1); 0.95 by default.</param>
    /// <exception cref="ArgumentException">No values, a non-finite value, or a level outside (0, 1).</exception>
    public static QuantityStatistics Of(IReadOnlyList<double> values, double confidenceLevel = 0.95)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            throw new ArgumentException("Statistics need at least one trial; got none.", nameof(values));
        }

        if (!(confidenceLevel > 0 && confidenceLevel < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(confidenceLevel), confidenceLevel, "The confidence level must lie strictly between 0 and 1, e.g. 0.95.");
        }

        for (var i = 0; i < values.Count; i++)
        {
            if (!double.IsFinite(values[i]))
            {
                throw new ArgumentException($"Trial {i + 1} has a non-finite value ({values[i]}); statistics need finite numbers.", nameof(values));
            }
        }

        var n = values.Count;
        var mean = values.Average();
        if (n < 2)
        {
            return new QuantityStatistics(n, mean, null, mean, mean, confidenceLevel, null, null);
        }

        var sumOfSquares = values.Sum(v => (v - mean) * (v - mean));
        var sd = Math.Sqrt(sumOfSquares / (n - 1));
        var t = StudentTDistribution.Quantile(0.5 + (confidenceLevel / 2), n - 1);
        var half = t * sd / Math.Sqrt(n);
        return new QuantityStatistics(n, mean, sd, values.Min(), values.Max(), confidenceLevel, mean - half, mean + half);
    }
}
