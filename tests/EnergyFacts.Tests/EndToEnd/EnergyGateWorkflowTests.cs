using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using EnergyFacts.Results.Csv;

namespace EnergyFacts.Tests.EndToEnd;

/// <summary>
/// The repository's GitHub Actions energy gate cannot rot unnoticed: its <c>run:</c> commands are the README's
/// <c>bash steps=gate</c> block, and this test runs them as written, in a clean copy of the clone.
/// </summary>
public sealed partial class EnergyGateWorkflowTests
{
    private static string Root => SampleExperimentsProcess.RepositoryRoot;

    private static IReadOnlyList<string> WorkflowCommands() =>
    [
        .. File.ReadAllLines(Path.Combine(Root, ".github", "workflows", "energy-gate.yml"))
            .Select(line => RunLine().Match(line))
            .Where(m => m.Success)
            .Select(m => m.Groups[1].Value.Trim()),
    ];

    private static IReadOnlyList<string> ReadmeCommands()
    {
        var readme = File.ReadAllText(Path.Combine(Root, "README.md")).ReplaceLineEndings("\n");
        var block = GateBlock().Match(readme);
        Assert.True(block.Success, "README.md has no ```bash steps=gate block");
        return [.. block.Groups[1].Value.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
    }

    [Fact]
    public void The_workflow_runs_exactly_the_readme_gate_commands()
    {
        var workflow = WorkflowCommands();

        Assert.Equal(2, workflow.Count);
        Assert.Equal(ReadmeCommands(), workflow);
        Assert.Contains("--energy-update-baseline true", workflow[0], StringComparison.Ordinal);
        Assert.Contains("--energy-gate-figure cpu-time-estimate", workflow[1], StringComparison.Ordinal);
    }

    [Fact]
    public void The_workflow_commands_write_a_baseline_and_judge_the_gate_suite_against_it()
    {
        var clone = Directory.CreateTempSubdirectory("energyfacts-gate-clone-").FullName;
        var runnerTemp = Directory.CreateTempSubdirectory("energyfacts-runner-temp-").FullName;
        try
        {
            CopyClone(clone);
            var outputs = WorkflowCommands().Select(command => Bash(clone, runnerTemp, command)).ToList();

            var baseline = Path.Combine(runnerTemp, "energy-baseline.json");
            Assert.True(outputs[0].ExitCode == 0, outputs[0].Output);
            using (var json = JsonDocument.Parse(File.ReadAllText(baseline)))
            {
                Assert.Equal(1, json.RootElement.GetProperty("format").GetInt32());
            }

            Assert.Contains("RegressionGateSuite.LeNet", File.ReadAllText(baseline), StringComparison.Ordinal);
            var rows = EmissionsCsv.Read(Path.Combine(runnerTemp, "gate-results", "emissions.csv"));
            Assert.Equal(5, rows.Count);
            var verdict = rows[^1]["gate"];
            Assert.Matches("^(unchanged|inconclusive|improved|regressed) cpu-time-estimate ratio=", verdict);

            // Same machine, same code, a few seconds apart: a pass is expected; a regression is the gate's own verdict
            // on real noise, never a crash, and must say so.
            Assert.True(
                outputs[1].ExitCode == 0 || (outputs[1].ExitCode == 2 && verdict.StartsWith("regressed", StringComparison.Ordinal)),
                outputs[1].Output);
        }
        finally
        {
            Directory.Delete(clone, recursive: true);
            Directory.Delete(runnerTemp, recursive: true);
        }
    }

    private static (int ExitCode, string Output) Bash(string workingDirectory, string runnerTemp, string command)
    {
        var start = new ProcessStartInfo("bash", ["-c", command])
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["RUNNER_TEMP"] = runnerTemp;
        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["UseSharedCompilation"] = "false";
        start.Environment["ENERGYFACTS_LOCK_FILE"] = Path.Combine(runnerTemp, "experiments.lock");
        foreach (var variable in new[] { "ENERGYFACTS_PROBES", "ENERGYFACTS_RESULTS_DIR", "DOTNET_CLI_TEST_COMMAND_WORKING_DIRECTORY", "GITHUB_STEP_SUMMARY" })
        {
            start.Environment.Remove(variable);
        }

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        if (!process.WaitForExit(TimeSpan.FromMinutes(8)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"'{command}' did not finish in 8 minutes");
        }

        process.WaitForExit();
        return (process.ExitCode, $"{command}\n{stdout.GetAwaiter().GetResult()}{stderr.GetAwaiter().GetResult()}");
    }

    // A clean checkout's worth for the gate: top-level files, src/ and experiments/, without bin/ or obj/.
    private static void CopyClone(string target)
    {
        foreach (var file in Directory.GetFiles(Root))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        }

        CopyTree(Path.Combine(Root, "src"), Path.Combine(target, "src"));
        CopyTree(Path.Combine(Root, "experiments"), Path.Combine(target, "experiments"));
    }

    private static void CopyTree(string source, string target)
    {
        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(source))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        }

        foreach (var dir in Directory.GetDirectories(source).Where(d => Path.GetFileName(d) is not ("bin" or "obj")))
        {
            CopyTree(dir, Path.Combine(target, Path.GetFileName(dir)));
        }
    }

    [GeneratedRegex(@"^\s+run:\s*(dotnet test .*)$")]
    private static partial Regex RunLine();

    [GeneratedRegex(@"```bash steps=gate\n(.*?)\n```", RegexOptions.Singleline)]
    private static partial Regex GateBlock();
}
