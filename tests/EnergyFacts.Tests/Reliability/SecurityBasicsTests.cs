using System.Diagnostics;
using EnergyFacts.Probes;
using EnergyFacts.Tests.EndToEnd;

namespace EnergyFacts.Tests.Reliability;

public sealed class SecurityBasicsTests
{
    private const string PlantedVariable = "ENERGYFACTS_TEST_PLANTED_SECRET";

    [Fact]
    public void Without_readable_rapl_or_an_nvml_library_auto_degrades_to_the_estimators_and_says_why()
    {
        // Tests run as root, so mode 0400 cannot make energy_uj unreadable here; a directory in its place fails to open
        // the way a root-only file does for an ordinary user.
        var root = Path.Combine(Path.GetTempPath(), "energyfacts-noroot-" + Guid.NewGuid().ToString("N"));
        var zone = Path.Combine(root, "intel-rapl:0");
        Directory.CreateDirectory(Path.Combine(zone, "energy_uj"));
        File.WriteAllText(Path.Combine(zone, "name"), "package-0\n");
        try
        {
            var settings = new ProbeSettings(
                [new("ENERGYFACTS_POWERCAP_ROOT", root), new("ENERGYFACTS_NVML_LIBRARY", Path.Combine(root, "missing", "libnvidia-ml.so.1"))],
                root);
            using var selection = DefaultProbeProviders.CreateCatalog().Select(ProbeCatalog.Auto, settings);

            Assert.Contains(selection.Probes, p => p.Descriptor.Component == PowerComponent.Cpu && p.Descriptor.Source == EnergySource.Estimated);
            var notes = string.Join("\n", selection.Notes);
            Assert.Contains("energy_uj (permission denied)", notes, StringComparison.Ordinal);
            Assert.Contains("or run as root", notes, StringComparison.Ordinal);
            Assert.Contains("auto: nvml unavailable", notes, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void Paths_from_configuration_are_read_or_loaded_never_executed()
    {
        var folder = Path.Combine(Path.GetTempPath(), "energyfacts-noexec-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var marker = Path.Combine(folder, "executed");
        var script = Path.Combine(folder, "payload.sh");
        File.WriteAllText(script, $"#!/bin/sh\ntouch '{marker}'\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        try
        {
            var catalog = DefaultProbeProviders.CreateCatalog();
            var settings = new ProbeSettings(
                [new("ENERGYFACTS_POWERCAP_ROOT", script), new("ENERGYFACTS_NVML_LIBRARY", script)], folder);
            var refusals = new List<string>();
            foreach (var probes in new[] { "replay:" + script, "rapl", "nvml", ProbeCatalog.Auto })
            {
                try
                {
                    using var selection = catalog.Select(probes, settings);
                }
                catch (ProbeConfigurationException ex)
                {
                    refusals.Add(ex.Message);
                }
            }

            Assert.False(File.Exists(marker), "a path given in configuration was executed");
            Assert.Contains(refusals, m => m.Contains("expected header", StringComparison.Ordinal)); // the trace was read as text
            Assert.Contains(refusals, m => m.Contains("is not a directory", StringComparison.Ordinal)); // the powercap root was checked as a folder
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Written_results_hold_no_environment_value_and_are_not_world_writable()
    {
        var secret = "planted-" + Guid.NewGuid().ToString("N");
        var trace = SampleExperimentsProcess.WriteTrace("time_s,cpu_w,gpu_w,ram_w\n0,100,0,0\n");
        var run = SampleExperimentsProcess.Run(
            ["--filter-method", "SampleExperiments.Budgets.WithinBudget", "--energy-probes", "replay:" + trace],
            new Dictionary<string, string> { [PlantedVariable] = secret });
        Assert.Equal(0, run.ExitCode);

        var files = Directory.GetFiles(run.ResultsDirectory, "*", SearchOption.AllDirectories);
        Assert.Contains(files, f => f.EndsWith("emissions.csv", StringComparison.Ordinal));
        Assert.Contains(files, f => f.EndsWith("experiments.jsonl", StringComparison.Ordinal));

        // Values EnergyFacts records by design are excluded: its own settings (their value and source are the
        // provenance of each row) and paths (results and trace folders are named in rows and messages).
        var watched = Environment.GetEnvironmentVariables().Keys.Cast<string>()
            .Where(name => !name.StartsWith("ENERGYFACTS_", StringComparison.Ordinal))
            .Select(name => (Name: name, Value: Environment.GetEnvironmentVariable(name) ?? string.Empty))
            .Where(v => v.Value.Length >= 12 && !v.Value.Contains('/', StringComparison.Ordinal))
            .Append((Name: PlantedVariable, Value: secret))
            .ToList();
        foreach (var file in files)
        {
            var text = File.ReadAllText(file);
            foreach (var (name, value) in watched)
            {
                Assert.False(text.Contains(value, StringComparison.Ordinal), $"{Path.GetFileName(file)} contains the value of ${name}");
            }

            if (!OperatingSystem.IsWindows())
            {
                var mode = File.GetUnixFileMode(file);
                Assert.False(mode.HasFlag(UnixFileMode.OtherWrite), $"{Path.GetFileName(file)} is world-writable ({mode})");
                Assert.False(mode.HasFlag(UnixFileMode.UserExecute), $"{Path.GetFileName(file)} is executable ({mode})");
            }
        }
    }

    [Fact]
    public async Task Results_files_are_created_rw_r_r_even_under_a_umask_of_000()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Skip("Unix file modes.");
        }

        var results = SampleExperimentsProcess.NewResultsDirectory();
        var inner = SampleExperimentsProcess.StartInfo(["--filter-method", "SampleExperiments.Budgets.WithinBudget", "--energy-probes", "constant:cpu=1"], null, results);
        var start = new System.Diagnostics.ProcessStartInfo("bash", ["-c", "umask 000 && exec \"$0\" \"$@\"", inner.FileName, .. inner.ArgumentList])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in inner.Environment)
        {
            start.Environment[key] = value;
        }

        using var process = System.Diagnostics.Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        _ = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(3)), "the sample run did not finish");

        Assert.True(process.ExitCode == 0, await output);
        foreach (var name in new[] { "emissions.csv", "experiments.jsonl", "summary.md" })
        {
            Assert.Equal(EnergyFacts.Results.ResultsFileMode.Unix, OperatingSystem.IsWindows() ? default : File.GetUnixFileMode(Path.Combine(results, name)));
        }
    }
}
