using System.Diagnostics;
using System.Text.RegularExpressions;

namespace EnergyFacts.Tests.EndToEnd;

/// <summary>Runs tests/Samples/EnergyFacts.SampleExperiments (built with this project) as its own test process.</summary>
internal static partial class SampleExperimentsProcess
{
    public sealed record Result(int ExitCode, string Output, string ResultsDirectory)
    {
        public int Count(string label) =>
            Regex.Match(Output, $@"^\s*{label}: (\d+)", RegexOptions.Multiline) is { Success: true } m ? int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : -1;

        public string EmissionsCsv => Path.Combine(ResultsDirectory, "emissions.csv");
    }

    public static string RepositoryRoot { get; } = FindRoot();

    public static string SampleDll
    {
        get
        {
            // Same configuration and target framework as this test assembly (…/bin/<Configuration>/<tfm>/).
            var tfmDir = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var configuration = tfmDir.Parent!.Name;
            return Path.Combine(RepositoryRoot, "tests", "Samples", "EnergyFacts.SampleExperiments", "bin", configuration, tfmDir.Name, "EnergyFacts.SampleExperiments.dll");
        }
    }

    /// <summary>
    /// The experiment lock file of every sample process this test run starts: shared among them (the isolation tests
    /// need that), never with other processes on the machine, which must neither block nor be blocked by these tests.
    /// </summary>
    public static string LockFile { get; } = Path.Combine(Path.GetTempPath(), $"energyfacts-tests-{Environment.ProcessId}-{Guid.NewGuid():N}.lock");

    public static string NewResultsDirectory() =>
        Path.Combine(Path.GetTempPath(), "energyfacts-e2e-" + Guid.NewGuid().ToString("N"));

    public static Result Run(IEnumerable<string> arguments, IDictionary<string, string>? environment = null, string? resultsDirectory = null, string? workingDirectory = null)
    {
        resultsDirectory ??= NewResultsDirectory();
        using var process = Process.Start(StartInfo(arguments, environment, resultsDirectory, workingDirectory))!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("The sample experiments did not finish in 3 minutes:\n" + stdout);
        }

        return new Result(process.ExitCode, stdout + stderr.Result, resultsDirectory);
    }

    /// <summary>How <see cref="Run"/> starts the process, for tests that must act on it while it runs (e.g. signal it).</summary>
    public static ProcessStartInfo StartInfo(IEnumerable<string> arguments, IDictionary<string, string>? environment, string resultsDirectory, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? string.Empty,
        };
        start.ArgumentList.Add(SampleDll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        if (!arguments.Contains("--energy-results") && !arguments.Any(a => a.StartsWith('@')))
        {
            start.ArgumentList.Add("--energy-results");
            start.ArgumentList.Add(resultsDirectory);
        }

        start.ArgumentList.Add("--output");
        start.ArgumentList.Add("detailed");
        start.ArgumentList.Add("--no-ansi");
        foreach (var variable in new[] { "ENERGYFACTS_PROBES", "ENERGYFACTS_RESULTS_DIR", "ENERGYFACTS_COUNTRY", "ENERGYFACTS_PUE", "ENERGYFACTS_INTERVAL_MS", "ENERGYFACTS_LOCK_TIMEOUT", "DOTNET_CLI_TEST_COMMAND_WORKING_DIRECTORY", "GITHUB_STEP_SUMMARY" })
        {
            start.Environment.Remove(variable);
        }

        start.Environment["ENERGYFACTS_LOCK_FILE"] = LockFile;
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        return start;
    }

    public static string WriteTrace(string content)
    {
        var path = Path.Combine(Path.GetTempPath(), "energyfacts-trace-" + Guid.NewGuid().ToString("N") + ".csv");
        File.WriteAllText(path, content);
        return path;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "EnergyFacts.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("EnergyFacts.sln not found above " + AppContext.BaseDirectory);
    }
}
