namespace EnergyFacts.Configuration;

/// <summary>The sources of a setting, weakest first: a stronger source overrides every weaker one.</summary>
internal enum SettingSourceKind
{
    /// <summary>The built-in default.</summary>
    Default,

    /// <summary>An MSBuild property of the test project (<c>&lt;EnergyFactsPue&gt;</c>), compiled into the test assembly.</summary>
    MsBuild,

    /// <summary>The <c>energyFacts</c> section of Microsoft.Testing.Platform's <c>testconfig.json</c>.</summary>
    TestConfig,

    /// <summary>An environment variable.</summary>
    Environment,

    /// <summary>A <c>dotnet test</c> / test application option, response files included.</summary>
    CommandLine,
}

/// <summary>Where one raw value came from, precisely enough for an error message to point at it.</summary>
/// <param name="Kind">The source.</param>
/// <param name="Description">E.g. <c>--energy-pue</c>, <c>ENERGYFACTS_PUE</c>, <c>MSBuild property EnergyFactsPue</c>, <c>default</c>.</param>
/// <param name="File">The file the value was read from, when there is one.</param>
/// <param name="Line">The 1-based line in <paramref name="File"/>, when known.</param>
internal sealed record SettingOrigin(SettingSourceKind Kind, string Description, string? File = null, int? Line = null)
{
    public static SettingOrigin Default { get; } = new(SettingSourceKind.Default, "default");

    /// <summary>The origin as written into results and messages, e.g. <c>/src/app/testconfig.json:7</c>.</summary>
    public override string ToString() => File is null
        ? Description
        : Line is { } line ? $"{File}:{line}" : File;
}

/// <summary>A setting's text as one source gave it, before parsing.</summary>
/// <param name="Text">The value as written.</param>
/// <param name="Origin">Where it came from.</param>
/// <param name="BaseDirectory">The directory a relative path in <paramref name="Text"/> is relative to.</param>
internal sealed record RawSetting(string Text, SettingOrigin Origin, string BaseDirectory);
