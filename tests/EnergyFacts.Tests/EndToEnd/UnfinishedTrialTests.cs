using System.Diagnostics;
using EnergyFacts.Results.Csv;

namespace EnergyFacts.Tests.EndToEnd;

/// <summary>
/// Trials that do not end by themselves. Each needs its own process: what is tested is that the process exits (or is
/// made to exit) with the row written and the machine-wide lock released.
/// </summary>
public sealed class UnfinishedTrialTests
{
    private const int SigTerm = 15;

    [Fact]
    public void An_experiment_that_never_returns_gets_its_row_and_the_process_exits_after_the_grace_period()
    {
        // Its own lock file: the other sample processes of this test run share theirs, and may hold it right now.
        var lockFile = Path.Combine(Path.GetTempPath(), $"energyfacts-never-returns-{Guid.NewGuid():N}.lock");
        var watch = Stopwatch.StartNew();
        var run = SampleExperimentsProcess.Run(
            ["--filter-method", "SampleExperiments.Endless.NeverReturns", "--timeout", "2s", "--energy-cancel-grace", "1", "--energy-probes", "constant:cpu=10"],
            new Dictionary<string, string> { ["ENERGYFACTS_LOCK_FILE"] = lockFile });

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(60), $"took {watch.Elapsed}");
        Assert.Equal(3, run.ExitCode);
        Assert.Contains("did not return within 1 s (cancel-grace) after the run was cancelled", run.Output, StringComparison.Ordinal);
        var row = Assert.Single(EmissionsCsv.Read(run.EmissionsCsv));
        Assert.Equal("cancelled", row["status"]);
        Assert.True(double.Parse(row["energy_joules"], System.Globalization.CultureInfo.InvariantCulture) > 0, "the energy measured before giving up is kept");
        Assert.Contains("cancel-grace", row["message"], StringComparison.Ordinal);
        Assert.False(File.Exists(lockFile + ".owner"), "the machine-wide lock must be released");
    }

    [Fact]
    public void A_trial_over_its_time_limit_is_cancelled_through_its_token_fails_and_is_recorded_timed_out()
    {
        var run = SampleExperimentsProcess.Run(
            ["--filter-method", "SampleExperiments.Endless.RunsUntilCancelled", "--energy-trial-timeout", "1", "--energy-probes", "constant:cpu=10"]);

        Assert.Equal(2, run.ExitCode); // a failed test, not a crash
        var row = Assert.Single(EmissionsCsv.Read(run.EmissionsCsv));
        Assert.Equal("timed_out", row["status"]);
        Assert.Contains("time limit of 1 s (trial-timeout)", row["message"], StringComparison.Ordinal);
        Assert.InRange(double.Parse(row["duration"], System.Globalization.CultureInfo.InvariantCulture), 0.9, 30);
        Assert.Contains("TimeoutException", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_process_terminated_mid_trial_still_writes_the_row_on_exit()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            Assert.Skip("SIGTERM is a POSIX signal.");
        }

        var results = SampleExperimentsProcess.NewResultsDirectory();
        var lockFile = Path.Combine(Path.GetTempPath(), $"energyfacts-sigterm-{Guid.NewGuid():N}.lock");
        var start = SampleExperimentsProcess.StartInfo(
            ["--filter-method", "SampleExperiments.Endless.NeverReturns", "--energy-probes", "constant:cpu=10"],
            new Dictionary<string, string> { ["ENERGYFACTS_LOCK_FILE"] = lockFile },
            results);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        try
        {
            // The owner file appears when the trial holds the machine lock, i.e. while it is being measured.
            var wait = Stopwatch.StartNew();
            while (!File.Exists(lockFile + ".owner") && wait.Elapsed < TimeSpan.FromSeconds(60))
            {
                Thread.Sleep(50);
            }

            Assert.True(File.Exists(lockFile + ".owner"), "the trial never started");
            Thread.Sleep(300);
            Assert.Equal(0, Kill(process.Id, SigTerm));
            Assert.True(process.WaitForExit(TimeSpan.FromSeconds(60)), "the process did not exit after SIGTERM");
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        var output = await stdout + await stderr;
        var row = Assert.Single(EmissionsCsv.Read(Path.Combine(results, EmissionsCsv.FileName)));
        Assert.Equal("cancelled", row["status"]);
        Assert.True(double.Parse(row["duration"], System.Globalization.CultureInfo.InvariantCulture) >= 0.3, output);
        Assert.False(File.Exists(lockFile + ".owner"), "the machine-wide lock must be released");
    }

    // kill(1) sends the signal a service manager or `docker stop` sends; Process.Kill would send SIGKILL, which no
    // process can handle.
    private static int Kill(int pid, int signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", [$"-{signal}", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]))!;
        kill.WaitForExit();
        return kill.ExitCode;
    }
}
