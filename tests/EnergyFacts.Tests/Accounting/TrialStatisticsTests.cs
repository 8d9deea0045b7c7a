using EnergyFacts.Accounting;

namespace EnergyFacts.Tests.Accounting;

public sealed class TrialStatisticsTests
{
    [Theory]
    // Two-sided 95 % Student-t quantiles t(0.975, ν) from an independent 40-digit computation (mpmath).
    [InlineData(1, 12.706204736174693)]
    [InlineData(2, 4.302652729749462)]
    [InlineData(3, 3.182446305283708)]
    [InlineData(4, 2.7764451051977934)]
    [InlineData(9, 2.262157162798205)]
    [InlineData(29, 2.045229642132703)]
    [InlineData(120, 1.9799304050824405)]
    public void The_t_quantile_matches_published_values(int degreesOfFreedom, double expected)
    {
        Assert.Equal(expected, StudentTDistribution.Quantile(0.975, degreesOfFreedom), 1e-9);
    }

    [Fact]
    public void The_t_quantile_is_symmetric_and_inverts_the_cdf()
    {
        Assert.Equal(-StudentTDistribution.Quantile(0.9, 7), StudentTDistribution.Quantile(0.1, 7), 1e-12);
        Assert.Equal(0.995, StudentTDistribution.Cdf(StudentTDistribution.Quantile(0.995, 5), 5), 1e-12);
        Assert.Equal(0.5, StudentTDistribution.Cdf(0, 5), 1e-15);
    }

    [Fact]
    public void Three_trials_give_hand_computed_mean_spread_and_interval()
    {
        // 10, 12, 14 J: mean 12, sample sd sqrt((4 + 0 + 4) / 2) = 2, half-width t(0.975, 2) · 2 / sqrt(3).
        var statistics = TrialStatistics.Of(
        [
            new TrialObservation(new Joules(10), TimeSpan.FromSeconds(1), new KilogramsCo2e(0.001)),
            new TrialObservation(new Joules(12), TimeSpan.FromSeconds(2), new KilogramsCo2e(0.002)),
            new TrialObservation(new Joules(14), TimeSpan.FromSeconds(3), new KilogramsCo2e(0.003)),
        ]);

        var half = 4.302652729749462 * 2 / Math.Sqrt(3);
        Assert.Equal(3, statistics.Count);
        Assert.Equal(12, statistics.EnergyJoules.Mean);
        Assert.Equal(2, statistics.EnergyJoules.StandardDeviation!.Value, 1e-15);
        Assert.Equal(10, statistics.EnergyJoules.Min);
        Assert.Equal(14, statistics.EnergyJoules.Max);
        Assert.Equal(12 - half, statistics.EnergyJoules.ConfidenceLow!.Value, 1e-12);
        Assert.Equal(12 + half, statistics.EnergyJoules.ConfidenceHigh!.Value, 1e-12);
        Assert.Equal(half, statistics.EnergyJoules.HalfWidth!.Value, 1e-12);
        Assert.Equal(0.95, statistics.EnergyJoules.ConfidenceLevel);
        Assert.Equal(2, statistics.DurationSeconds.Mean);
        Assert.Equal(1, statistics.DurationSeconds.StandardDeviation!.Value, 1e-15);
        Assert.Equal(0.002, statistics.EmissionsKilograms.Mean, 1e-18);
    }

    [Fact]
    public void Two_trials_use_the_closed_form_for_one_degree_of_freedom()
    {
        // 1 and 3: mean 2, sd sqrt(2), half-width 12.7062047… · sqrt(2) / sqrt(2).
        var statistics = QuantityStatistics.Of([1.0, 3.0]);

        Assert.Equal(Math.Sqrt(2), statistics.StandardDeviation!.Value, 1e-15);
        Assert.Equal(12.706204736174693, statistics.HalfWidth!.Value, 1e-9);
    }

    [Fact]
    public void One_trial_has_a_mean_but_no_spread()
    {
        var statistics = QuantityStatistics.Of([5.0]);

        Assert.Equal(1, statistics.Count);
        Assert.Equal(5.0, statistics.Mean);
        Assert.Null(statistics.StandardDeviation);
        Assert.Null(statistics.ConfidenceLow);
        Assert.Null(statistics.ConfidenceHigh);
        Assert.Null(statistics.HalfWidth);
    }

    [Fact]
    public void Other_confidence_levels_widen_or_narrow_the_interval()
    {
        var ninetyNine = QuantityStatistics.Of([10.0, 12.0, 14.0, 16.0], confidenceLevel: 0.99);
        var ninety = QuantityStatistics.Of([10.0, 12.0, 14.0, 16.0], confidenceLevel: 0.90);

        // t(0.995, 3) = 5.840909309733355, t(0.95, 3) = 2.353363434801823; sd = sqrt(20 / 3).
        var sdOverRootN = Math.Sqrt(20.0 / 3) / 2;
        Assert.Equal(5.840909309733355 * sdOverRootN, ninetyNine.HalfWidth!.Value, 1e-9);
        Assert.Equal(2.353363434801823 * sdOverRootN, ninety.HalfWidth!.Value, 1e-9);
    }

    [Fact]
    public void No_trials_or_a_non_finite_value_are_rejected_clearly()
    {
        var none = Assert.Throws<ArgumentException>(() => QuantityStatistics.Of([]));
        Assert.Contains("at least one trial", none.Message, StringComparison.Ordinal);

        var nan = Assert.Throws<ArgumentException>(() => QuantityStatistics.Of([1.0, double.NaN]));
        Assert.Contains("Trial 2", nan.Message, StringComparison.Ordinal);

        Assert.Throws<ArgumentOutOfRangeException>(() => QuantityStatistics.Of([1.0, 2.0], confidenceLevel: 1.0));
    }
}
