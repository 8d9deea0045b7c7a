using EnergyFacts.Configuration;
using System.Text.Json;

namespace EnergyFacts.Tests.EndToEnd;

/// <summary>
/// Each settings source reaches a real test application run: the sample project sets <c>EnergyFactsProject</c> and
/// <c>EnergyFactsLockTimeout</c> as MSBuild properties and <c>energyFacts.lockTimeout</c> in its testconfig.json.
/// </summary>
public sealed class SettingsSourcesEndToEndTests
{
    private static readonly string[] OneCase = ["--filter-method", "SampleExperiments.Budgets.WithinBudget", "--energy-probes", "constant:cpu=1"];

    private static (string Value, string Source) Setting(SampleExperimentsProcess.Result run, string key)
    {
        var line = File.ReadLines(Path.Combine(run.ResultsDirectory, "experiments.jsonl")).Last();
        using var row = JsonDocument.Parse(line);
        var setting = row.RootElement.GetProperty("settings").EnumerateArray().Single(s => s.GetProperty("key").GetString() == key);
        return (setting.GetProperty("value").GetString()!, setting.GetProperty("source").GetString()!);
    }

    [Fact]
    public void MSBuild_properties_and_testconfig_json_reach_the_run_and_testconfig_wins()
    {
        var run = SampleExperimentsProcess.Run(OneCase);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(("SampleFromMsBuild", "MSBuild property EnergyFactsProject"), Setting(run, "project"));
        var (value, source) = Setting(run, "lock-timeout");
        Assert.Equal("90", value);
        Assert.EndsWith("EnergyFacts.SampleExperiments.testconfig.json:3", source, StringComparison.Ordinal);
    }

    [Fact]
    public void The_environment_beats_testconfig_json_and_a_response_file_beats_the_environment()
    {
        var environment = new Dictionary<string, string> { ["ENERGYFACTS_LOCK_TIMEOUT"] = "80" };
        var fromEnvironment = SampleExperimentsProcess.Run(OneCase, environment);
        Assert.Equal(("80", "ENERGYFACTS_LOCK_TIMEOUT"), Setting(fromEnvironment, "lock-timeout"));

        var results = SampleExperimentsProcess.NewResultsDirectory();
        var responseFile = Path.Combine(Path.GetTempPath(), "energyfacts-" + Guid.NewGuid().ToString("N") + ".rsp");
        File.WriteAllLines(responseFile, ["--energy-lock-timeout 70", "--energy-pue 1.5", $"--energy-results {results}"]);
        var fromResponseFile = SampleExperimentsProcess.Run([.. OneCase, "@" + responseFile], environment, results);

        Assert.Equal(0, fromResponseFile.ExitCode);
        Assert.Equal(("70", "--energy-lock-timeout"), Setting(fromResponseFile, "lock-timeout"));
        Assert.Equal(("1.5", "--energy-pue"), Setting(fromResponseFile, "pue"));
    }

    [Fact]
    public void Relative_paths_resolve_against_the_directory_the_command_ran_in()
    {
        var elsewhere = Directory.CreateTempSubdirectory("energyfacts-cwd-").FullName;
        File.WriteAllText(Path.Combine(elsewhere, "trace.csv"), "time_s,cpu_w,gpu_w,ram_w\n0,10,0,0\n");
        var run = SampleExperimentsProcess.Run(
            ["--filter-method", "SampleExperiments.Budgets.WithinBudget", "--energy-probes", "replay:trace.csv", "--energy-results", "relres"],
            resultsDirectory: Path.Combine(elsewhere, "relres"),
            workingDirectory: elsewhere);

        Assert.Equal(0, run.ExitCode);
        Assert.True(File.Exists(Path.Combine(elsewhere, "relres", "emissions.csv")), run.Output);
        Assert.Contains($"results in {Path.Combine(elsewhere, "relres")}", run.Output, StringComparison.Ordinal);

        // dotnet test starts the application in its output folder and names the user's directory in this variable.
        var viaDotnetTest = SampleExperimentsProcess.Run(
            ["--filter-method", "SampleExperiments.Budgets.WithinBudget", "--energy-probes", "constant:cpu=1", "--energy-results", "relres2"],
            new Dictionary<string, string> { ["DOTNET_CLI_TEST_COMMAND_WORKING_DIRECTORY"] = elsewhere },
            resultsDirectory: Path.Combine(elsewhere, "relres2"));
        Assert.True(File.Exists(Path.Combine(elsewhere, "relres2", "emissions.csv")), viaDotnetTest.Output);
    }

    [Fact]
    public void Help_lists_every_setting()
    {
        var run = SampleExperimentsProcess.Run(["--help"]);
        Assert.True(SettingsRegistry.All.Count >= 18, "the registry lost settings");
        foreach (var setting in SettingsRegistry.All)
        {
            Assert.Contains("--energy-" + setting.Key, run.Output, StringComparison.Ordinal);
            Assert.Contains($"[env: {setting.EnvironmentVariable}]", run.Output, StringComparison.Ordinal);
        }

        Assert.Contains("[env: ENERGYFACTS_TDP_WATTS]", run.Output, StringComparison.Ordinal);
    }
}
