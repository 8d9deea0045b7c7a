using System.Diagnostics;
using System.Globalization;

namespace EnergyFacts.Tests.EndToEnd;

/// <summary>
/// A user's own test project, outside this repository, consuming EnergyFacts both ways the README documents: a
/// ProjectReference plus the one Import line, and the packed NuGet package with nothing else.
/// </summary>
public sealed class ConsumerProjectTests
{
    private const string XunitVersion = "4.0.2";

    private const string ExperimentSource = """
        using EnergyFacts;

        namespace Consumer;

        public sealed class ConsumerExperiments
        {
            [EnergyExperiment("tiny", 16, 1)]
            [EnergyExperiment("tiny", 32, 1)]
            [EnergyBudget(MaxSeconds = 60)]
            public void Train(ExperimentContext context)
            {
                Thread.Sleep(50);
                context.AddSamples(context.Batch);
                context.ReportEpoch(1, trainLoss: 0.5, evalTop1: 0.75);
            }
        }
        """;

    private static string Root => SampleExperimentsProcess.RepositoryRoot;

    [Fact]
    public void A_project_reference_with_the_documented_import_line_discovers_and_measures_experiments()
    {
        var dir = NewConsumerDirectory();
        var library = Path.Combine(Root, "src", "EnergyFacts", "EnergyFacts.csproj");
        var props = Path.Combine(Root, "src", "EnergyFacts", "build", "EnergyFacts.props");
        WriteProject(dir, $"""
            <ItemGroup><PackageReference Include="xunit.v3" Version="{XunitVersion}" /></ItemGroup>
            <ItemGroup><ProjectReference Include="{library}" /></ItemGroup>
            <Import Project="{props}" />
            """);

        RunConsumer(dir);
    }

    [Fact]
    public void The_packed_nuget_package_needs_no_wiring_at_all()
    {
        var dir = NewConsumerDirectory();
        var feed = Path.Combine(dir, "feed");
        // A version of its own, so the global package cache never serves a stale copy of an earlier run.
        var version = "0.1.0-e2e" + DateTime.UtcNow.ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture);
        foreach (var project in new[] { "EnergyFacts.Probes", "EnergyFacts" })
        {
            Dotnet(Root, "pack", Path.Combine(Root, "src", project, project + ".csproj"), "-o", feed, "-p:Version=" + version, "-c", "Release");
        }

        File.WriteAllText(Path.Combine(dir, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="energyfacts-local" value="{feed}" />
              </packageSources>
            </configuration>
            """);
        WriteProject(dir, $"""
            <ItemGroup>
              <PackageReference Include="xunit.v3" Version="{XunitVersion}" />
              <PackageReference Include="EnergyFacts" Version="{version}" />
            </ItemGroup>
            """);

        RunConsumer(dir);
    }

    private static void RunConsumer(string dir)
    {
        Dotnet(dir, "build", "Consumer.csproj");
        var results = Path.Combine(dir, "results");
        var dll = Path.Combine(dir, "bin", "Debug", "net10.0", "Consumer.dll");

        var list = Dotnet(dir, dll, "--list-tests");
        Assert.Contains("Train [tiny | batch=16 | epochs=1]", list.Output, StringComparison.Ordinal);
        Assert.Contains("Train [tiny | batch=32 | epochs=1]", list.Output, StringComparison.Ordinal);

        var run = Dotnet(dir, dll, "--energy-probes", "constant:cpu=10,ram=2", "--energy-results", results);
        Assert.Contains("succeeded: 2", run.Output, StringComparison.Ordinal);
        Assert.True(Directory.Exists(results), "results folder was written through the --energy-results option");
    }

    private static string NewConsumerDirectory()
    {
        var dir = Path.Combine(Path.GetTempPath(), "energyfacts-consumer-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "global.json"), """{ "test": { "runner": "Microsoft.Testing.Platform" } }""");
        File.WriteAllText(Path.Combine(dir, "ConsumerExperiments.cs"), ExperimentSource);
        return dir;
    }

    private static void WriteProject(string dir, string items) =>
        File.WriteAllText(Path.Combine(dir, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <OutputType>Exe</OutputType>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
                <UseMicrosoftTestingPlatformRunner>true</UseMicrosoftTestingPlatformRunner>
                <!-- xUnit1013 would fail this build if EnergyFacts' suppressor did not reach the consumer. -->
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
              </PropertyGroup>
              {items}
            </Project>
            """);

    private static (int ExitCode, string Output) Dotnet(string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        if (arguments[0] is "build" or "pack")
        {
            start.ArgumentList.Add("--disable-build-servers");
            start.ArgumentList.Add("-nodeReuse:false");
        }

        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        start.Environment.Remove("ENERGYFACTS_PROBES");
        start.Environment.Remove("ENERGYFACTS_RESULTS_DIR");
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        var output = stdout + stderr.Result;
        Assert.True(process.ExitCode == 0, $"dotnet {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{output}");
        return (process.ExitCode, output);
    }
}
