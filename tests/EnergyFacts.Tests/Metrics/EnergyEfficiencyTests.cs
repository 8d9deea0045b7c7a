using CsCheck;
using EnergyFacts.Metrics;

namespace EnergyFacts.Tests.Metrics;

public sealed class EnergyEfficiencyTests
{
    [Fact]
    public void Energy_per_sample_and_samples_per_joule_of_a_round_example()
    {
        Assert.Equal(0.25, EnergyEfficiency.JoulesPerSample(new Joules(15_000), 60_000));
        Assert.Equal(4, EnergyEfficiency.SamplesPerJoule(60_000, new Joules(15_000)));
    }

    [Fact]
    public void Energy_delay_product_multiplies_joules_by_seconds()
    {
        Assert.Equal(new JouleSeconds(500), EnergyEfficiency.EnergyDelayProduct(new Joules(50), TimeSpan.FromSeconds(10)));
        Assert.Equal(5000, EnergyEfficiency.EnergyDelaySquaredProductJouleSecondsSquared(new Joules(50), TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public void Zero_samples_and_negative_delays_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => EnergyEfficiency.JoulesPerSample(new Joules(1), 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => EnergyEfficiency.SamplesPerJoule(10, Joules.Zero));
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => EnergyEfficiency.EnergyDelayProduct(new Joules(1), TimeSpan.FromSeconds(-1)));
        Assert.Equal("delay", e.ParamName);
    }

    [Fact]
    public void Samples_per_joule_is_the_reciprocal_of_joules_per_sample() =>
        Gen.Select(Gen.Double[1e-6, 1e9], Gen.Long[1, 1_000_000_000]).Sample((joules, samples) =>
        {
            var product = EnergyEfficiency.JoulesPerSample(new Joules(joules), samples) * EnergyEfficiency.SamplesPerJoule(samples, new Joules(joules));
            return Math.Abs(product - 1) <= 1e-12;
        });
}
