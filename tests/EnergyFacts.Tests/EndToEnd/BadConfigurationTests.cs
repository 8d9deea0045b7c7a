namespace EnergyFacts.Tests.EndToEnd;

public sealed class BadConfigurationTests
{
    /// <summary>Microsoft.Testing.Platform's exit code for options that failed validation: nothing ran.</summary>
    internal const int InvalidCommandLine = 5;

    private static readonly string[] OneCase = ["--filter-method", "SampleExperiments.Budgets.WithinBudget"];

    [Fact]
    public void An_unknown_probe_stops_the_run_before_any_test_and_lists_the_allowed_probes()
    {
        var run = SampleExperimentsProcess.Run([.. OneCase, "--energy-probes", "bogus"]);

        Assert.Equal(InvalidCommandLine, run.ExitCode);
        Assert.Contains("--energy-probes = 'bogus' is not allowed (Unknown probe 'bogus'", run.Output, StringComparison.Ordinal);
        Assert.Contains("Allowed: auto, rapl, nvml", run.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(run.EmissionsCsv));
    }

    [Fact]
    public void A_missing_replay_file_is_named()
    {
        var run = SampleExperimentsProcess.Run([.. OneCase], new Dictionary<string, string> { ["ENERGYFACTS_PROBES"] = "replay:/nonexistent/trace.csv" });

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("Replay file '/nonexistent/trace.csv' does not exist", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_malformed_replay_file_is_reported_with_its_line_number()
    {
        var trace = SampleExperimentsProcess.WriteTrace("time_s,cpu_w,gpu_w,ram_w\n0,100,0,0\n1,abc,0,0\n");
        var run = SampleExperimentsProcess.Run([.. OneCase, "--energy-probes", "replay:" + trace]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(trace + ":3: cpu_w = 'abc' is not allowed", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_interval_option_is_rejected_by_the_platform_before_any_test_runs()
    {
        var run = SampleExperimentsProcess.Run([.. OneCase, "--energy-interval", "0"]);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("milliseconds from 1 to 3600000", run.Output, StringComparison.Ordinal);
        Assert.Equal(-1, run.Count("total"));
    }

    [Fact]
    public void A_bad_interval_variable_stops_the_run_before_any_test_with_its_name()
    {
        var run = SampleExperimentsProcess.Run([.. OneCase], new Dictionary<string, string> { ["ENERGYFACTS_INTERVAL_MS"] = "soon" });

        Assert.Equal(InvalidCommandLine, run.ExitCode);
        Assert.Contains("ENERGYFACTS_INTERVAL_MS = 'soon' is not allowed", run.Output, StringComparison.Ordinal);
        Assert.Contains("no experiment was run", run.Output, StringComparison.Ordinal);
    }
}
