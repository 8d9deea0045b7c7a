using EnergyFacts.Results.Csv;

namespace EnergyFacts.Tests.EndToEnd;

public sealed class WarmupEndToEndTests
{
    [Fact]
    public void Warm_up_runs_come_first_are_not_measured_and_write_no_row()
    {
        var run = SampleExperimentsProcess.Run(["--filter-method", "SampleExperiments.WarmedUp.Warm", "--energy-probes", "constant:cpu=10"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(4, run.Count("succeeded"));
        var rows = EmissionsCsv.Read(run.EmissionsCsv);
        Assert.Equal(["1", "2"], rows.Select(r => r["trial"]));
        Assert.All(rows, r => Assert.Equal("10", r["samples"])); // a warm-up's samples never leak into a trial
        var warmup1 = run.Output.IndexOf("warm-up 1/2:", StringComparison.Ordinal);
        var warmup2 = run.Output.IndexOf("warm-up 2/2:", StringComparison.Ordinal);
        var trial1 = run.Output.IndexOf("trial 1/2:", StringComparison.Ordinal);
        Assert.True(warmup1 >= 0 && warmup2 > warmup1 && trial1 > warmup2, run.Output);
        Assert.Contains("not measured", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cool_down_pauses_before_each_trial_after_the_first_run_and_not_inside_the_window()
    {
        var run = SampleExperimentsProcess.Run(["--filter-method", "SampleExperiments.WarmedUp.Warm", "--energy-probes", "constant:cpu=10", "--energy-cool-down", "0.5"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("[energy] cool-down 0.5 s before trial 1", run.Output, StringComparison.Ordinal);
        Assert.Contains("[energy] cool-down 0.5 s before trial 2", run.Output, StringComparison.Ordinal);
        Assert.All(EmissionsCsv.Read(run.EmissionsCsv), r => Assert.True(double.Parse(r["duration"], System.Globalization.CultureInfo.InvariantCulture) < 0.45, "the pause is outside the measured window"));
    }
}
