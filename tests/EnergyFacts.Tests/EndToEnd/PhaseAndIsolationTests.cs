using System.Globalization;
using System.Text.RegularExpressions;
using EnergyFacts.Results.Csv;

namespace EnergyFacts.Tests.EndToEnd;

public sealed partial class PhaseAndIsolationTests
{
    private static readonly string Trace100W = SampleExperimentsProcess.WriteTrace("time_s,cpu_w,gpu_w,ram_w\n0,100,0,0\n");

    [Fact]
    public void A_phase_measures_the_energy_of_its_part_of_the_experiment()
    {
        var run = SampleExperimentsProcess.Run(["--filter-method", "SampleExperiments.Phases.PhaseWithinLimit", "--energy-probes", "replay:" + Trace100W]);

        Assert.Equal(0, run.ExitCode);
        var match = PhaseLine().Match(run.Output);
        Assert.True(match.Success, run.Output);
        var joules = double.Parse(match.Groups["joules"].Value, CultureInfo.InvariantCulture);
        var seconds = double.Parse(match.Groups["seconds"].Value, CultureInfo.InvariantCulture);
        Assert.InRange(joules, 100 * 0.1 * 0.99, 100 * (seconds + 0.2)); // at least the 100 ms slept, at most the phase plus one tick
    }

    [Fact]
    public void A_phase_over_its_limit_fails_as_an_assertion_naming_the_phase()
    {
        var run = SampleExperimentsProcess.Run(["--filter-method", "SampleExperiments.Phases.PhaseOverLimit", "--energy-probes", "replay:" + Trace100W]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("Phase 'training' used", run.Output, StringComparison.Ordinal);
        Assert.Contains("more than its limit of 1 J", run.Output, StringComparison.Ordinal);
        Assert.Equal("failed", Assert.Single(EmissionsCsv.Read(run.EmissionsCsv))["status"]);
    }

    [Fact]
    public void Experiments_never_overlap_even_when_tests_run_fully_in_parallel()
    {
        var run = SampleExperimentsProcess.Run(
            ["--filter-class", "SampleExperiments.IsolationA", "--filter-class", "SampleExperiments.IsolationB",
             "--parallel", "all", "--energy-probes", "constant:cpu=1"]);

        Assert.Equal(0, run.ExitCode);
        var windows = BodyLine().Matches(run.Output)
            .Select(m => (Start: long.Parse(m.Groups["start"].Value, CultureInfo.InvariantCulture), End: long.Parse(m.Groups["end"].Value, CultureInfo.InvariantCulture)))
            .OrderBy(w => w.Start)
            .ToList();
        Assert.Equal(4, windows.Count);
        for (var i = 1; i < windows.Count; i++)
        {
            Assert.True(windows[i].Start >= windows[i - 1].End, $"experiment body {i} started before body {i - 1} ended");
        }
    }

    [GeneratedRegex(@"\[body\] (?<start>\d+) (?<end>\d+)")]
    private static partial Regex BodyLine();

    [GeneratedRegex(@"\[phase\] evaluation (?<joules>[0-9.]+) J over (?<seconds>[0-9.]+) s")]
    private static partial Regex PhaseLine();
}
