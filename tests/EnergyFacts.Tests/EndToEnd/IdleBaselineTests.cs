using System.Text.Json;

namespace EnergyFacts.Tests.EndToEnd;

public sealed class IdleBaselineTests
{
    [Fact]
    public void With_an_idle_baseline_rows_report_energy_above_idle()
    {
        // A constant 10 W probe draws the same at idle as under load: everything is idle energy, nothing is dynamic.
        var run = SampleExperimentsProcess.Run(
            ["--filter-method", "SampleExperiments.Budgets.WithinBudget", "--energy-probes", "constant:cpu=10", "--energy-idle", "0.3"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("[energy] idle baseline: constant:cpu (cpu, estimated): 10 W idle over 0.3", run.Output, StringComparison.Ordinal); // the window is at least 0.3 s, a little more under load
        using var row = JsonDocument.Parse(File.ReadLines(Path.Combine(run.ResultsDirectory, "experiments.jsonl")).Single());
        var aboveIdle = row.RootElement.GetProperty("above_idle");
        var cpu = aboveIdle.GetProperty("components").EnumerateArray().Single(c => c.GetProperty("component").GetString() == "cpu");
        // Energy over time from the shared integration engine: 10 W to within floating-point rounding of the sum.
        Assert.Equal(10, cpu.GetProperty("idle_power_w").GetDouble(), 1e-9);
        var dynamicJoules = aboveIdle.GetProperty("energy_joules").GetDouble();
        Assert.InRange(dynamicJoules, -1e-3, 1e-3);
        Assert.Contains("[energy] above idle:", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_idle_time_names_the_variable_and_the_range()
    {
        var run = SampleExperimentsProcess.Run(
            ["--filter-method", "SampleExperiments.Budgets.WithinBudget"], new Dictionary<string, string> { ["ENERGYFACTS_IDLE_SECONDS"] = "-1" });

        Assert.Equal(BadConfigurationTests.InvalidCommandLine, run.ExitCode);
        Assert.Contains("ENERGYFACTS_IDLE_SECONDS = '-1' is not allowed (out of range). Allowed: seconds from 0 (off) to 600", run.Output, StringComparison.Ordinal);
    }
}
