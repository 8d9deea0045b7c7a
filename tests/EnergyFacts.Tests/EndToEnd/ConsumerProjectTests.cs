using System.Diagnostics;
using System.Text.RegularExpressions;

namespace EnergyFacts.Tests.EndToEnd;

/// <summary>
/// A user's own test project, outside this repository, consuming EnergyFacts both ways the README documents: the
/// packages, by running the README's marked blocks exactly as written (files, then commands) on a clean temp folder,
/// and a ProjectReference plus the one Import line.
/// </summary>
public sealed partial class ConsumerProjectTests(ConsumerProjectTests.PackedClone packed) : IClassFixture<ConsumerProjectTests.PackedClone>
{
    private const string PlainExperiments = """
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

    private const string TorchExperiments = """
        using EnergyFacts;
        using EnergyFacts.Torch;
        using EnergyFacts.Torch.Data;
        using EnergyFacts.Torch.Models;
        using EnergyFacts.Torch.Training;

        namespace Consumer;

        public sealed class TorchExperiments
        {
            [EnergyExperiment("mlp", 128, 1, Dataset = "fashion-mnist-subset", Seed = 1)]
            [EnergyBudget(MaxSeconds = 120)]
            public void Train(ExperimentContext context)
            {
                TorchRuntime.EnsureLoaded();
                var device = TorchDevices.Resolve(context.Device);
                context.UseDevice(device.Name);
                TrainingRun.SeedEverything(context.Seed);
                using var data = Datasets.FashionMnistEmbedded();
                using var model = ModelZoo.Create(context.Model, ModelOptions.FashionMnist);
                var options = new TrainingOptions { Epochs = context.Epochs, BatchSize = context.Batch, Device = device.Name, Seed = context.Seed };
                var report = TrainingRun.Execute(options, model, data, new Progress(context), context.CancellationToken);
                if (report.Final.EvalTop1 < 0.5)
                {
                    throw new InvalidOperationException($"the MLP learned nothing: {report.Final}");
                }
            }

            private sealed class Progress(ExperimentContext context) : ITrainingProgress
            {
                public void ReportEpoch(EpochMetrics metrics) =>
                    context.ReportEpoch(metrics.Epoch, metrics.TrainLoss, metrics.EvalLoss, metrics.EvalTop1, metrics.EvalTop5, metrics.LearningRate);

                public void AddSamples(long count) => context.AddSamples(count);
            }
        }
        """;

    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(5);

    private static string Root => SampleExperimentsProcess.RepositoryRoot;

    [Fact]
    public void The_readme_nuget_steps_give_a_plain_experiment_project_its_energy_results()
    {
        var project = packed.NewConsumer(withTorch: false, PlainExperiments);
        AssertEmissionsRows(project, 2);
    }

    [Fact]
    public void The_readme_nuget_steps_with_energyfacts_torch_train_a_model_and_measure_it()
    {
        var project = packed.NewConsumer(withTorch: true, TorchExperiments);
        AssertEmissionsRows(project, 1);
    }

    [Fact]
    public void A_project_reference_with_the_documented_import_line_discovers_and_measures_experiments()
    {
        var dir = packed.NewDirectory("energyfacts-consumer-");
        File.WriteAllText(Path.Combine(dir, "global.json"), """{ "test": { "runner": "Microsoft.Testing.Platform" } }""");
        File.WriteAllText(Path.Combine(dir, "ConsumerExperiments.cs"), PlainExperiments);
        var library = Path.Combine(Root, "src", "EnergyFacts", "EnergyFacts.csproj");
        var props = Path.Combine(Root, "src", "EnergyFacts", "build", "EnergyFacts.props");
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
              <ItemGroup><PackageReference Include="xunit.v3" Version="4.0.2" /></ItemGroup>
              <ItemGroup><ProjectReference Include="{library}" /></ItemGroup>
              <Import Project="{props}" />
            </Project>
            """);

        Dotnet(dir, null, "build", "Consumer.csproj", "--disable-build-servers", "-nodeReuse:false");
        var results = Path.Combine(dir, "results");
        var dll = Path.Combine(dir, "bin", "Debug", "net10.0", "Consumer.dll");

        var list = Dotnet(dir, null, dll, "--list-tests");
        Assert.Contains("Train [tiny | batch=16 | epochs=1]", list, StringComparison.Ordinal);
        Assert.Contains("Train [tiny | batch=32 | epochs=1]", list, StringComparison.Ordinal);

        var run = Dotnet(dir, null, dll, "--energy-probes", "constant:cpu=10,ram=2", "--energy-results", results);
        Assert.Contains("succeeded: 2", run, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(results, "emissions.csv")), "emissions.csv was written through the --energy-results option");
    }

    private static void AssertEmissionsRows(string project, int rows)
    {
        var emissions = Path.Combine(project, "bin", "Debug", "net10.0", "energy-results", "emissions.csv");
        Assert.True(File.Exists(emissions), $"dotnet test wrote no {emissions}");
        var lines = File.ReadAllLines(emissions).Where(line => line.Length > 0).ToArray();
        Assert.Equal(rows + 1, lines.Length);
    }

    /// <summary>
    /// The README's marked blocks: <c>```lang file=PATH</c> blocks are files of the consumer folder, the
    /// <c>```bash steps=nuget</c> block the commands. Only <c>cd</c> and <c>dotnet</c> lines are allowed, so no step can
    /// be added to the README that this test would silently skip.
    /// </summary>
    internal static partial class Readme
    {
        public static (IReadOnlyList<(string Path, string Content)> Files, IReadOnlyList<string> Steps) NuGetBlocks()
        {
            var files = new List<(string, string)>();
            List<string>? steps = null;
            foreach (Match block in FencedBlock().Matches(File.ReadAllText(Path.Combine(Root, "README.md")).ReplaceLineEndings("\n")))
            {
                var info = block.Groups["info"].Value;
                var body = block.Groups["body"].Value;
                if (FileMarker().Match(info) is { Success: true } file)
                {
                    files.Add((file.Groups[1].Value, body));
                }
                else if (info.Contains("steps=nuget", StringComparison.Ordinal))
                {
                    Assert.Null(steps);
                    steps = [.. body.Split('\n').Select(StripComment).Where(line => line.Length > 0)];
                }
            }

            Assert.NotNull(steps);
            Assert.NotEmpty(files);
            foreach (var step in steps)
            {
                Assert.True(
                    (step.StartsWith("dotnet ", StringComparison.Ordinal) || step.StartsWith("cd ", StringComparison.Ordinal)) && !step.Contains('"', StringComparison.Ordinal) && !step.Contains('\'', StringComparison.Ordinal),
                    $"README step '{step}': only unquoted 'dotnet …' and 'cd …' lines can be run as written");
            }

            return (files, steps);
        }

        private static string StripComment(string line)
        {
            var hash = line.IndexOf(" #", StringComparison.Ordinal);
            return (line.StartsWith('#') ? string.Empty : hash < 0 ? line : line[..hash]).Trim();
        }

        [GeneratedRegex(@"^```(?<info>[^\n]*)\n(?<body>.*?)^```[ \t]*$", RegexOptions.Multiline | RegexOptions.Singleline)]
        private static partial Regex FencedBlock();

        [GeneratedRegex(@"\bfile=(\S+)")]
        private static partial Regex FileMarker();
    }

    /// <summary>
    /// One pack per test run, shared by the package tests: the README's steps up to the first <c>cd</c>, run in a temp
    /// folder holding a clean copy of the clone (top-level files and <c>src/</c>, without bin/ or obj/), with a package
    /// cache of its own (NUGET_PACKAGES), so no EnergyFacts 0.1.0 cached by an earlier run can stand in for this one.
    /// </summary>
    public sealed partial class PackedClone : IDisposable
    {
        private readonly List<string> directories = [];
        private readonly Lazy<(string Workspace, IReadOnlyList<string> ConsumerSteps, IReadOnlyList<(string, string)> Files)> pack;

        public PackedClone()
        {
            Cache = NewDirectory("energyfacts-nuget-cache-");
            pack = new(Pack, LazyThreadSafetyMode.ExecutionAndPublication);
        }

        /// <summary>The private package cache every command of the package tests restores into.</summary>
        public string Cache { get; }

        public string NewDirectory(string prefix)
        {
            var dir = Path.Combine(Path.GetTempPath(), prefix + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(dir);
            lock (directories)
            {
                directories.Add(dir);
            }

            return dir;
        }

        /// <summary>
        /// A fresh folder laid out as the README says (the packed <c>packages/</c> next to the consumer folder), with the
        /// README's files, the experiment source, and the README's remaining steps run in it; returns the consumer folder.
        /// </summary>
        public string NewConsumer(bool withTorch, string experiments)
        {
            var (workspace, steps, files) = pack.Value;
            var dir = NewDirectory("energyfacts-consumer-");
            var packages = Path.Combine(dir, "packages");
            Directory.CreateDirectory(packages);
            foreach (var nupkg in Directory.GetFiles(Path.Combine(workspace, "packages"), "*.nupkg"))
            {
                File.Copy(nupkg, Path.Combine(packages, Path.GetFileName(nupkg)));
            }

            string? project = null;
            foreach (var (path, content) in files)
            {
                var target = Path.Combine(dir, path);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.WriteAllText(target, content);
                project ??= Path.GetDirectoryName(target);
            }

            File.WriteAllText(Path.Combine(project!, "Experiments.cs"), experiments);
            Run(dir, withTorch ? steps : [.. steps.Where(step => !step.Contains("EnergyFacts.Torch", StringComparison.Ordinal))]);
            return project!;
        }

        public void Dispose()
        {
            lock (directories)
            {
                foreach (var dir in directories)
                {
                    try
                    {
                        Directory.Delete(dir, recursive: true);
                    }
                    catch (IOException)
                    {
                    }
                    catch (UnauthorizedAccessException)
                    {
                    }
                }
            }
        }

        private (string, IReadOnlyList<string>, IReadOnlyList<(string, string)>) Pack()
        {
            var (files, steps) = Readme.NuGetBlocks();
            var firstCd = steps.ToList().FindIndex(step => step.StartsWith("cd ", StringComparison.Ordinal));
            Assert.True(firstCd > 0, "the README's steps pack first, then cd into the test project");
            var packSteps = steps.Take(firstCd).ToArray();
            var clone = packSteps.Select(step => PackedSolution().Match(step)).First(m => m.Success).Groups[1].Value;

            var workspace = NewDirectory("energyfacts-pack-");
            CopyClone(Path.Combine(workspace, clone));
            Run(workspace, packSteps);
            foreach (var id in new[] { "EnergyFacts", "EnergyFacts.Probes", "EnergyFacts.Torch" })
            {
                Assert.True(File.Exists(Path.Combine(workspace, "packages", id + ".0.1.0.nupkg")), $"the README's pack step left no {id}.0.1.0.nupkg in packages/");
            }

            return (workspace, steps.Skip(firstCd).ToArray(), files);
        }

        // A clean checkout's worth: the top-level files (props, targets, solution, filters, licence) and src/.
        private static void CopyClone(string target)
        {
            Directory.CreateDirectory(target);
            foreach (var file in Directory.GetFiles(Root))
            {
                File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
            }

            CopyTree(Path.Combine(Root, "src"), Path.Combine(target, "src"));
        }

        private static void CopyTree(string source, string target)
        {
            Directory.CreateDirectory(target);
            foreach (var file in Directory.GetFiles(source))
            {
                File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
            }

            foreach (var dir in Directory.GetDirectories(source))
            {
                if (Path.GetFileName(dir) is not ("bin" or "obj"))
                {
                    CopyTree(dir, Path.Combine(target, Path.GetFileName(dir)));
                }
            }
        }

        // Each step exactly as the README writes it; `cd` moves on, relative to the folder the steps started in.
        private void Run(string start, IEnumerable<string> steps)
        {
            var cwd = start;
            foreach (var step in steps)
            {
                var words = step.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (words[0] == "cd")
                {
                    cwd = Path.GetFullPath(Path.Combine(cwd, words[1]));
                    continue;
                }

                Dotnet(cwd, Cache, words[1..]);
            }
        }

        [GeneratedRegex(@"^dotnet pack (\S+?)/EnergyFacts\.Packages\.slnf\b")]
        private static partial Regex PackedSolution();
    }

    private static string Dotnet(string workingDirectory, string? packageCache, params string[] arguments)
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

        // No build server or reused node may outlive the command holding its output pipes open.
        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["UseSharedCompilation"] = "false";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var variable in new[] { "ENERGYFACTS_PROBES", "ENERGYFACTS_RESULTS_DIR", "ENERGYFACTS_COUNTRY", "ENERGYFACTS_PUE", "DOTNET_CLI_TEST_COMMAND_WORKING_DIRECTORY", "GITHUB_STEP_SUMMARY" })
        {
            start.Environment.Remove(variable);
        }

        if (packageCache is not null)
        {
            start.Environment["NUGET_PACKAGES"] = packageCache;
        }

        if (arguments[0] == "test")
        {
            // The README's `dotnet test` as written; the probe comes from the environment, a documented settings source.
            start.Environment["ENERGYFACTS_PROBES"] = "constant:cpu=10,ram=2";
        }

        var command = $"dotnet {string.Join(' ', arguments)} (in {workingDirectory})";
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        if (!process.WaitForExit(CommandTimeout))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{command} did not finish in {CommandTimeout.TotalMinutes} minutes");
        }

        process.WaitForExit();
        var output = stdout.Result + stderr.Result;
        TestContext.Current.TestOutputHelper?.WriteLine($"{clock.Elapsed.TotalSeconds:F1} s  {command}");
        Assert.True(process.ExitCode == 0, $"{command} exited with {process.ExitCode}:\n{output}");
        return output;
    }
}
