using System.Reflection;

namespace EnergyFacts.Configuration;

/// <summary>
/// Reads the MSBuild properties of the test project that EnergyFacts' build props compiled into the test assembly as
/// <c>[assembly: AssemblyMetadata("EnergyFacts.Setting.&lt;key&gt;", value)]</c>, so <c>dotnet test</c> alone applies them.
/// Relative paths resolve against the project folder (<c>EnergyFacts.ProjectDirectory</c>), where the property was written.
/// </summary>
internal static class MsBuildSettings
{
    public const string Prefix = "EnergyFacts.Setting.";
    public const string ProjectDirectoryKey = "EnergyFacts.ProjectDirectory";

    /// <summary>The test project's folder, as compiled into <paramref name="testAssembly"/>; <see langword="null"/> when unknown.</summary>
    public static string? ProjectDirectory(Assembly? testAssembly) =>
        testAssembly?.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(m => m.Key == ProjectDirectoryKey)?.Value is { Length: > 0 } dir
            ? dir
            : null;

    /// <summary>The values compiled into <paramref name="testAssembly"/>, by registry key.</summary>
    public static IReadOnlyDictionary<string, RawSetting> Read(Assembly? testAssembly, string fallbackDirectory)
    {
        var metadata = testAssembly?.GetCustomAttributes<AssemblyMetadataAttribute>().ToList() ?? [];
        var projectDirectory = ProjectDirectory(testAssembly) ?? fallbackDirectory;
        var byKey = SettingsRegistry.All.Where(d => d.MsBuildProperty is not null).ToDictionary(d => d.Key, StringComparer.Ordinal);
        var values = new Dictionary<string, RawSetting>(StringComparer.Ordinal);
        foreach (var entry in metadata)
        {
            if (entry.Key.StartsWith(Prefix, StringComparison.Ordinal) && entry.Value is { Length: > 0 } value
                && byKey.TryGetValue(entry.Key[Prefix.Length..], out var definition))
            {
                values[definition.Key] = new RawSetting(
                    value, new SettingOrigin(SettingSourceKind.MsBuild, "MSBuild property " + definition.MsBuildProperty), projectDirectory);
            }
        }

        return values;
    }
}
