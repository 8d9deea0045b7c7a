using EnergyFacts.Results.Csv;

namespace EnergyFacts.Tests.EndToEnd;

public sealed class GateEndToEndTests
{
    [Fact]
    public void A_bare_update_baseline_switch_writes_the_baseline_and_three_trials_are_too_few_for_the_gate()
    {
        var baseline = Path.Combine(Path.GetTempPath(), $"energyfacts-e2e-baseline-{Guid.NewGuid():N}.json");
        string[] repeated = ["--filter-method", "SampleExperiments.Training.Repeated", "--energy-probes", "constant:cpu=1", "--energy-baseline", baseline];

        var first = SampleExperimentsProcess.Run([.. repeated, "--energy-update-baseline"]);
        var second = SampleExperimentsProcess.Run(repeated);

        Assert.Equal(0, first.ExitCode); // no baseline yet: every case is new, and passes
        Assert.Contains("[energy] baseline written: " + baseline, first.Output, StringComparison.Ordinal);
        Assert.Contains("\"format\": 1", File.ReadAllText(baseline), StringComparison.Ordinal);
        Assert.StartsWith("new energy", EmissionsCsv.Read(first.EmissionsCsv)[^1]["gate"], StringComparison.Ordinal);

        // 3 against 3 trials cannot bound a ratio at 95 %: a clear failure that states the minimum, never a silent pass.
        Assert.Equal(2, second.ExitCode);
        var last = EmissionsCsv.Read(second.EmissionsCsv)[^1];
        Assert.Equal("regressed", last["status"]);
        Assert.StartsWith("too_few_trials", last["gate"], StringComparison.Ordinal);
        Assert.Contains("trials", last["message"], StringComparison.Ordinal);
    }
}
