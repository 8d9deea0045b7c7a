using System.Reflection;

namespace EnergyFacts.Configuration;

/// <summary>What one test session runs with: its settings, resolved once, and its run id.</summary>
/// <param name="Settings">The resolved settings.</param>
/// <param name="RunId">One id per test-process run; every row of the run carries it.</param>
internal sealed record RunConfiguration(EnergyFactsSettings Settings, Guid RunId)
{
    /// <summary>When the configuration was resolved, i.e. when the session started.</summary>
    public DateTimeOffset StartedAt { get; init; } = DateTimeOffset.UtcNow;

    /// <summary>Gathers every source of a test application and resolves them.</summary>
    /// <param name="testAssembly">The test assembly (its MSBuild metadata and name).</param>
    /// <param name="commandLine">Option values as Microsoft.Testing.Platform parsed them (response files included).</param>
    /// <param name="configFile">The <c>testconfig.json</c> to read; <see langword="null"/> for the one next to the application.</param>
    /// <exception cref="EnergyFactsConfigurationException">A value is not allowed.</exception>
    public static RunConfiguration ForTestApplication(Assembly? testAssembly, IReadOnlyDictionary<string, string> commandLine, string? configFile)
    {
        var environment = SettingsSources.ProcessEnvironment();
        var workingDirectory = SettingsSources.UserWorkingDirectory(environment);
        var applicationDirectory = AppContext.BaseDirectory;
        var name = testAssembly?.GetName().Name ?? "energyfacts";
        var msbuild = MsBuildSettings.Read(testAssembly, applicationDirectory);
        var projectDirectory = MsBuildSettings.ProjectDirectory(testAssembly);
        var configPath = configFile is null ? TestConfigFile.DefaultPath(applicationDirectory, name) : Path.GetFullPath(configFile, workingDirectory);

        // testconfig.json is written in the project folder and copied next to the application: paths in it are relative to the project.
        var (testConfig, problems) = TestConfigFile.Read(configPath, projectDirectory ?? Path.GetDirectoryName(configPath)!);
        var settings = SettingsResolver.Resolve(new SettingsSources
        {
            WorkingDirectory = workingDirectory,
            ApplicationDirectory = applicationDirectory,
            DefaultProjectName = name,
            MsBuild = msbuild,
            TestConfig = testConfig,
            Environment = environment,
            CommandLine = commandLine,
            ReadProblems = problems,
        });
        return new RunConfiguration(settings, Guid.NewGuid());
    }
}

/// <summary>
/// The one meeting point of Microsoft.Testing.Platform and xUnit in a test process: the platform extension, which alone
/// sees the parsed command line, publishes the configuration it validated before any test ran; the xUnit framework
/// takes it when it starts executing and passes it on from there. Written once, read once; nothing else is shared.
/// </summary>
internal static class PlatformHandoff
{
    private static volatile RunConfiguration? published;

    /// <summary>The configuration the platform published, or <see langword="null"/> outside Microsoft.Testing.Platform.</summary>
    public static RunConfiguration? Published => published;

    public static void Publish(RunConfiguration configuration) => published = configuration;
}
