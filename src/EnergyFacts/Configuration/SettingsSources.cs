namespace EnergyFacts.Configuration;

/// <summary>
/// The raw inputs of one run's settings, gathered by the host (the Microsoft.Testing.Platform extension, or a test)
/// and resolved by <see cref="SettingsResolver"/>. Keys are registry keys.
/// </summary>
internal sealed record SettingsSources
{
    /// <summary>The directory the user ran the command in: relative paths from the environment and the command line resolve against it.</summary>
    public required string WorkingDirectory { get; init; }

    /// <summary>Where the default results folder goes (the test application's folder).</summary>
    public required string ApplicationDirectory { get; init; }

    /// <summary>The default project name (the test assembly's name).</summary>
    public required string DefaultProjectName { get; init; }

    /// <summary>Values of MSBuild properties compiled into the test assembly.</summary>
    public IReadOnlyDictionary<string, RawSetting> MsBuild { get; init; } = new Dictionary<string, RawSetting>();

    /// <summary>Values of the <c>energyFacts</c> section of <c>testconfig.json</c>.</summary>
    public IReadOnlyDictionary<string, RawSetting> TestConfig { get; init; } = new Dictionary<string, RawSetting>();

    /// <summary>The process environment.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>Command-line values by option name (without dashes), as Microsoft.Testing.Platform parsed them.</summary>
    public IReadOnlyDictionary<string, string> CommandLine { get; init; } = new Dictionary<string, string>();

    /// <summary>Problems found while reading the sources (a malformed testconfig.json), reported with the values' problems.</summary>
    public IReadOnlyList<string> ReadProblems { get; init; } = [];

    /// <summary>The directory <c>dotnet test</c> was run in, else the current directory (what "relative to where I ran it" means).</summary>
    public static string UserWorkingDirectory(IReadOnlyDictionary<string, string> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);

        // dotnet test starts the test application in its output folder and says where the user ran it.
        return environment.TryGetValue("DOTNET_CLI_TEST_COMMAND_WORKING_DIRECTORY", out var fromDotnetTest) && Directory.Exists(fromDotnetTest)
            ? fromDotnetTest
            : System.Environment.CurrentDirectory;
    }

    /// <summary>The process environment as a dictionary.</summary>
    public static IReadOnlyDictionary<string, string> ProcessEnvironment() =>
        System.Environment.GetEnvironmentVariables()
            .Cast<System.Collections.DictionaryEntry>()
            .Where(e => e.Key is string && e.Value is string)
            .ToDictionary(e => (string)e.Key, e => (string)e.Value!, StringComparer.Ordinal);
}
