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

    [Fact]
    public void An_inconclusive_case_runs_extra_trials_as_trials_6_and_on_until_the_gate_decides_and_fails_it_as_regressed()
    {
        var baseline = Path.Combine(Path.GetTempPath(), $"energyfacts-e2e-baseline-{Guid.NewGuid():N}.json");
        string[] pinpoint = ["--filter-method", "SampleExperiments.Pinpoint.Scored", "--energy-probes", "constant:cpu=1", "--energy-baseline", baseline, "--energy-gate-figure", "metric:score"];

        var first = SampleExperimentsProcess.Run([.. pinpoint, "--energy-update-baseline"], new Dictionary<string, string> { ["SAMPLE_SCORES"] = "1,1.01,0.99,1.005,0.995" });
        Assert.Equal(0, first.ExitCode);

        // A noisy drop of the score: inconclusive after the five planned trials; the extra trials score 0.8 each.
        var second = SampleExperimentsProcess.Run(
            [.. pinpoint, "--energy-max-extra-trials", "6"], new Dictionary<string, string> { ["SAMPLE_SCORES"] = "0.67,0.99,0.71,0.96,0.74,0.8" });

        var rows = EmissionsCsv.Read(second.EmissionsCsv);
        Assert.True(rows.Count is > 5 and < 12, second.Output);
        Assert.Equal(Enumerable.Range(1, rows.Count).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), rows.Select(r => r["trial"]));
        Assert.StartsWith("inconclusive", rows[4]["gate"], StringComparison.Ordinal);
        Assert.Equal("passed", rows[4]["status"]);
        var extra = rows.Count - 5;
        Assert.Equal("regressed", rows[^1]["status"]);
        Assert.StartsWith("regressed metric:score", rows[^1]["gate"], StringComparison.Ordinal);
        Assert.EndsWith($"extra_trials={extra}", rows[^1]["gate"], StringComparison.Ordinal);
        Assert.Contains($"(extra trial {extra}/6: trial {5 + extra})", second.Output, StringComparison.Ordinal);
        Assert.Contains($"extra_trials={extra}", File.ReadAllText(Path.Combine(second.ResultsDirectory, "summary.md")), StringComparison.Ordinal);
        Assert.Equal(2, second.ExitCode); // the last extra trial fails as regressed
    }
}

