using EnergyFacts.Reports.Input;

namespace EnergyFacts.Reports.Tests;

public sealed class ReportPartsTests
{
    [Theory]
    [InlineData("cpu=measured;gpu=measured;ram=none", "Measured")]
    [InlineData("cpu=measured;gpu=none;ram=estimated", "Estimated")]
    [InlineData("cpu=estimated-partial;gpu=none;ram=none", "Estimated")]
    [InlineData("cpu=replayed;gpu=none;ram=estimated", "Replayed")]
    [InlineData("cpu=imported;gpu=imported;ram=imported", "Imported")]
    [InlineData("cpu=none;gpu=none;ram=none", "Unknown")]
    [InlineData("", "Unknown")]
    public void A_row_is_as_good_as_its_weakest_component(string energySource, string expected) =>
        Assert.Equal(Enum.Parse<EnergyProvenance>(expected), EnergyProvenances.Of(energySource));

    [Fact]
    public void The_pareto_front_keeps_the_points_nothing_beats_on_both_energy_and_accuracy_in_energy_order()
    {
        (string Name, double? Joules, double? Top1)[] points =
        [
            ("dear-and-good", 90, 0.95), ("cheap-and-poor", 10, 0.60), ("dominated", 50, 0.70), ("middle", 40, 0.80),
            ("same-energy-worse", 40, 0.75), ("no-accuracy", 1, null), ("dearer-not-better", 95, 0.95),
        ];

        var front = ParetoFront.Of(points, p => p.Joules, p => p.Top1);

        Assert.Equal(["cheap-and-poor", "middle", "dear-and-good"], front.Select(p => p.Name));
    }
}
