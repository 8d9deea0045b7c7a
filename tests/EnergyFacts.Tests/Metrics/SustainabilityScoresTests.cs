using CsCheck;
using EnergyFacts.Metrics;

namespace EnergyFacts.Tests.Metrics;

public sealed class SustainabilityScoresTests
{
    private static readonly Joules OneKilowattHour = new KilowattHours(1).ToJoules();

    private static PerformancePoint Point(double joules, double performance) => new(new Joules(joules), performance);

    [Fact]
    public void Energy_score_is_one_half_at_the_reference()
    {
        Assert.Equal(0.5, SustainabilityScores.EnergyScore(OneKilowattHour, OneKilowattHour));
        Assert.Equal(1, SustainabilityScores.EnergyScore(Joules.Zero, OneKilowattHour));
    }

    [Fact]
    public void Fms_of_the_golden_example()
    {
        // P = 0.8, S_E = 0.5: 2·0.8·0.5 / 1.3.
        Assert.Equal(0.6153846153846154, SustainabilityScores.Fms(0.8, OneKilowattHour, OneKilowattHour), 15);
    }

    [Fact]
    public void Fms_beta_two_weighs_performance_more()
    {
        // F_2 = 5·P·S / (4·P + S) = 5·0.8·0.5 / 3.7.
        Assert.Equal(2 / 3.7, SustainabilityScores.Fms(0.8, OneKilowattHour, OneKilowattHour, beta: 2), 15);
    }

    [Fact]
    public void Asc_of_the_golden_curve()
    {
        // (1 J, 0.5), (2 J, 1.0), E_max 4 J, P_0 = 0: 0.25 + 0.75 + 2·1 = 3 J → 0.75.
        Assert.Equal(0.75, SustainabilityScores.Asc([Point(1, 0.5), Point(2, 1.0)], new Joules(4)), 15);
    }

    [Fact]
    public void Asc_cuts_a_curve_longer_than_the_budget_by_interpolation()
    {
        // From (0, 0) to (4 J, 1) cut at 2 J where P = 0.5: area 0.5 over 2 J → 0.25.
        Assert.Equal(0.25, SustainabilityScores.Asc([Point(4, 1)], new Joules(2)), 15);
    }

    [Fact]
    public void Common_budget_is_the_largest_final_energy()
    {
        var budget = SustainabilityScores.CommonBudget([[Point(1, 0.2), Point(3, 0.4)], [Point(5, 0.9)]]);

        Assert.Equal(new Joules(5), budget);
    }

    [Fact]
    public void Asc_refuses_an_empty_or_out_of_order_curve()
    {
        Assert.Throws<ArgumentException>(() => SustainabilityScores.Asc([], new Joules(1)));
        var e = Assert.Throws<ArgumentException>(() => SustainabilityScores.Asc([Point(2, 0.5), Point(1, 0.6)], new Joules(3)));
        Assert.Contains("Point 1", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fms_refuses_a_percentage()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => SustainabilityScores.Fms(80, OneKilowattHour, OneKilowattHour));

        Assert.Equal("performance", e.ParamName);
        Assert.Contains("pass 0.8", e.Message, StringComparison.Ordinal);
    }

    private static readonly Gen<double> Fraction = Gen.Double[0, 1];
    private static readonly Gen<double> Energy = Gen.Double[0, 1e9];
    private static readonly Gen<double> Reference = Gen.Double[1, 1e9];

    [Fact]
    public void Fms_lies_in_zero_to_one_and_is_zero_without_performance() =>
        Gen.Select(Fraction, Energy, Reference).Sample((p, e, r) =>
        {
            var fms = SustainabilityScores.Fms(p, new Joules(e), new Joules(r));
            return fms >= 0 && fms <= 1 && SustainabilityScores.Fms(0, new Joules(e), new Joules(r)) == 0;
        });

    [Fact]
    public void Fms_with_beta_one_is_symmetric_in_performance_and_energy_score() =>
        Gen.Select(Gen.Double[0.01, 1], Gen.Double[0.01, 1]).Sample((p, s) =>
        {
            // S_E = s when E = E_ref·(1 − s)/s; swapping gives P = s, S_E = p.
            var reference = new Joules(1000);
            var fms = SustainabilityScores.Fms(p, new Joules(1000 * (1 - s) / s), reference);
            var swapped = SustainabilityScores.Fms(s, new Joules(1000 * (1 - p) / p), reference);
            return Math.Abs(fms - swapped) <= 1e-9;
        });

    [Fact]
    public void Fms_falls_as_energy_grows_and_tends_to_zero() =>
        Gen.Select(Gen.Double[0.01, 1], Energy, Gen.Double[1, 1e6]).Sample((p, e, more) =>
            SustainabilityScores.Fms(p, new Joules(e + more), new Joules(1000)) < SustainabilityScores.Fms(p, new Joules(e), new Joules(1000))
            && SustainabilityScores.Fms(p, new Joules(1e300), new Joules(1)) < 1e-12);

    [Fact]
    public void Asc_of_a_flat_curve_is_its_performance() =>
        Gen.Select(Fraction, Gen.Double[0.001, 1e6], Gen.Double[0, 1]).Sample((p, budget, share) =>
            Math.Abs(SustainabilityScores.Asc([Point(budget * share, p)], new Joules(budget), initialPerformance: p) - p) <= 1e-12);

    [Fact]
    public void Asc_lies_in_zero_to_one_and_grows_with_pointwise_performance() =>
        Gen.Double[0, 0.9].Array[1, 10].Select(Gen.Double[0, 0.1]).Sample((performances, lift) =>
        {
            var curve = performances.Select((p, k) => Point(k + 1, p)).ToArray();
            var lifted = performances.Select((p, k) => Point(k + 1, p + lift)).ToArray();
            var budget = new Joules(performances.Length + 1);
            var asc = SustainabilityScores.Asc(curve, budget);
            return asc >= 0 && asc <= 1 && SustainabilityScores.Asc(lifted, budget) >= asc;
        });
}
