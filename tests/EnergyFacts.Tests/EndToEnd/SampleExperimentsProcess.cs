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

    public static string NewResultsDirectory() =>
        Path.Combine(Path.GetTempPath(), "energyfacts-e2e-" + Guid.NewGuid().ToString("N"));

    public static Result Run(IEnumerable<string> arguments, IDictionary<string, string>? environment = null, string? resultsDirectory = null, string? workingDirectory = null)
    {
        resultsDirectory ??= NewResultsDirectory();
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

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("The sample experiments did not finish in 3 minutes:\n" + stdout);
        }

        return new Result(process.ExitCode, stdout + stderr.Result, resultsDirectory);
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
