using CsCheck;
using EnergyFacts.Metrics;

namespace EnergyFacts.Tests.Metrics;

public sealed class AccuracyPerConsumptionTests
{
    private static readonly ConsumptionUnit Wh = ConsumptionUnit.WattHoursPerTestSet;

    // The worked examples of shared/notes/green-ai-metrics.md §1 (β = 1).
    [Theory]
    [InlineData(10, 0.9, 0.1, 0.3103448275862069)]
    [InlineData(10, 0.9, 1.0, 0.0818181818181818)]
    [InlineData(1, 0.5, 0.1, 0.3225806451612903)]
    [InlineData(1, 0.5, 1.0, 0.25)]
    [InlineData(2.5, 1.0, 0.1, 0.8)]
    [InlineData(2.5, 1.0, 1.0, 0.2857142857142857)]
    [InlineData(100, 0.95, 0.1, 0.0612903225806451)]
    [InlineData(100, 0.95, 1.0, 0.0094059405940594)]
    public void Apc_matches_the_worked_examples(double wattHours, double accuracy, double alpha, double expected)
    {
        var score = AccuracyPerConsumption.Apc(new Consumption(wattHours, Wh), accuracy, new ApcWeights(alpha, 1));

        Assert.Equal(expected, score.Value, 15);
    }

    [Fact]
    public void Apc_of_the_issue_example_with_beta_50()
    {
        // energyfacts metrics apc --accuracy 0.9056 --consumption 0.03172 --alpha 0.1 --beta 50
        var score = AccuracyPerConsumption.Apc(new Consumption(0.03172, Wh), 0.9056, new ApcWeights(0.1, 50));

        Assert.Equal(0.7001990247687363, score.Value, 15);
        Assert.Equal(0.0058669312, score.WeightedConsumption, 15);
        Assert.Equal("Wh/test-set", score.Consumption.Unit.ToString());
    }

    [Fact]
    public void Defaults_are_the_published_alpha_and_beta()
    {
        var score = AccuracyPerConsumption.Apc(new Consumption(10, Wh), 0.9);

        Assert.Equal(0.1, score.Weights.Alpha);
        Assert.Equal(1, score.Weights.Beta);
        Assert.Equal(0.3103448275862069, score.Value, 15);
    }

    [Fact]
    public void Apec_uses_the_energy_cost_in_place_of_the_consumption()
    {
        // 2 kWh at 0.25 EUR/kWh cost 0.5 EUR; WC = 0.5·(0.9·0.2 + 0.1) = 0.14; APEC = 0.8 / 1.14.
        var price = new PricePerKilowattHour(0.25, "EUR");

        var score = AccuracyPerConsumption.Apec(new Consumption(2000, Wh), 0.8, price);

        Assert.Equal(0.8 / 1.14, score.Value, 15);
        Assert.Equal(0.14, score.WeightedConsumption, 15);
        Assert.Same(price, score.Price);
    }

    [Fact]
    public void The_unit_scales_apec_but_not_the_energy_it_stands_for()
    {
        var price = new PricePerKilowattHour(0.3, "USD");

        var inWattHours = AccuracyPerConsumption.Apec(new Consumption(1500, Wh), 0.7, price);
        var inKilowattHours = AccuracyPerConsumption.Apec(new Consumption(1.5, new ConsumptionUnit(EnergyUnit.KilowattHour, "test-set")), 0.7, price);
        var inJoules = AccuracyPerConsumption.Apec(new Consumption(5_400_000, new ConsumptionUnit(EnergyUnit.Joule, "test-set")), 0.7, price);

        Assert.Equal(inWattHours.Value, inKilowattHours.Value, 14);
        Assert.Equal(inWattHours.Value, inJoules.Value, 14);
    }

    [Theory]
    [InlineData(1.2, "The accuracy a must be a fraction from 0 to 1")]
    [InlineData(91.45, "If it is a percentage, pass 0.9145.")]
    [InlineData(-0.1, "got -0.1")]
    [InlineData(double.NaN, "got NaN")]
    public void An_accuracy_outside_zero_to_one_is_refused_with_its_value(double accuracy, string expected)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => AccuracyPerConsumption.Apc(new Consumption(1, Wh), accuracy));

        Assert.Equal("accuracy", e.ParamName);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-0.01, 1, "alpha")]
    [InlineData(1.5, 1, "alpha")]
    [InlineData(0.1, -1, "beta")]
    [InlineData(0.1, double.PositiveInfinity, "beta")]
    public void Weights_outside_their_ranges_are_refused(double alpha, double beta, string parameter)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new ApcWeights(alpha, beta));

        Assert.Equal(parameter, e.ParamName);
    }

    [Fact]
    public void A_negative_consumption_is_refused()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => AccuracyPerConsumption.Apc(new Consumption(-3, Wh), 0.5));

        Assert.Contains("got -3", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Wh/test-set", "WattHour", "test-set")]
    [InlineData("kwh/run", "KilowattHour", "run")]
    [InlineData("J/1000-inferences", "Joule", "1000-inferences")]
    public void Consumption_units_parse_from_text(string text, string energy, string basis)
    {
        var unit = ConsumptionUnit.Parse(text);

        Assert.Equal(new ConsumptionUnit(Enum.Parse<EnergyUnit>(energy), basis), unit);
    }

    [Theory]
    [InlineData("Wh")]
    [InlineData("MWh/run")]
    [InlineData("Wh/")]
    [InlineData("Wh/test set")]
    public void A_consumption_unit_without_a_basis_or_with_an_unknown_energy_unit_is_refused(string text)
    {
        var e = Assert.Throws<FormatException>(() => ConsumptionUnit.Parse(text));

        Assert.Contains($"'{text}' is not a consumption unit", e.Message, StringComparison.Ordinal);
    }

    // Properties (by algebra, notes §1).
    private static readonly Gen<double> Accuracy = Gen.Double[0, 1];
    private static readonly Gen<double> Energy = Gen.Double[0, 1e6];
    private static readonly Gen<double> Alpha = Gen.Double[0, 1];
    private static readonly Gen<double> Beta = Gen.Double[0, 100];

    private static double Apc(double c, double a, double alpha, double beta) =>
        AccuracyPerConsumption.Apc(new Consumption(c, Wh), a, new ApcWeights(alpha, beta)).Value;

    [Fact]
    public void Apc_lies_between_zero_and_the_accuracy() =>
        Gen.Select(Energy, Accuracy, Alpha, Beta).Sample((c, a, alpha, beta) =>
        {
            var apc = Apc(c, a, alpha, beta);
            return apc >= 0 && apc <= a;
        });

    [Fact]
    public void Zero_beta_or_zero_consumption_gives_the_accuracy() =>
        Gen.Select(Energy, Accuracy, Alpha).Sample((c, a, alpha) => Apc(c, a, alpha, 0) == a && Apc(0, a, alpha, 1) == a);

    [Fact]
    public void Perfect_accuracy_gives_one_over_beta_alpha_c_plus_one() =>
        Gen.Select(Energy, Alpha, Beta).Sample((c, alpha, beta) => Math.Abs(Apc(c, 1, alpha, beta) - (1 / ((beta * alpha * c) + 1))) <= 1e-12);

    [Fact]
    public void Alpha_one_counts_the_whole_consumption() =>
        Gen.Select(Energy, Accuracy, Beta).Sample((c, a, beta) => Math.Abs(Apc(c, a, 1, beta) - (a / ((beta * c) + 1))) <= 1e-12);

    [Fact]
    public void Apc_decreases_strictly_in_consumption_when_beta_and_accuracy_are_positive() =>
        Gen.Select(Gen.Double[0, 1000], Gen.Double[0.001, 1000], Gen.Double[0.01, 1], Gen.Double[0.01, 1], Gen.Double[0.01, 10])
            .Sample((c, more, a, alpha, beta) => Apc(c + more, a, alpha, beta) < Apc(c, a, alpha, beta));

    [Fact]
    public void Apc_increases_in_accuracy() =>
        Gen.Select(Energy, Gen.Double[0, 0.99], Gen.Double[0.001, 0.01], Alpha, Beta)
            .Sample((c, a, more, alpha, beta) => Apc(c, a + more, alpha, beta) >= Apc(c, a, alpha, beta));

    [Fact]
    public void Apc_tends_to_zero_as_consumption_grows() =>
        Gen.Select(Gen.Double[0.01, 1], Gen.Double[0.01, 1], Gen.Double[0.1, 10])
            .Sample((a, alpha, beta) => Apc(1e15, a, alpha, beta) < 1e-12);
}
