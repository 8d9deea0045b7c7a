using System.Text.RegularExpressions;

namespace EnergyFacts.Probes.Tests.Selection;

/// <summary>
/// Selection depends on the contract and the providers, never the reverse. Selection shares the contract's namespace
/// (one <c>using</c> for users), so the compiler cannot enforce this; the source is scanned instead.
/// </summary>
public sealed partial class DependencyDirectionTests
{
    private static readonly string[] LowerFolders = ["Contract", "Units", "Platform", "Integration", "Rapl", "Nvml", "Estimators", "Constant", "Replay"];

    [Fact]
    public void No_provider_or_contract_file_names_a_selection_type()
    {
        var probes = ProbesSourceDirectory();
        Assert.SkipWhen(probes is null, "the EnergyFacts.Probes source is not beside this build");
        var selectionTypes = Directory.GetFiles(Path.Combine(probes!, "Selection"), "*.cs")
            .SelectMany(f => TypeDeclaration().Matches(File.ReadAllText(f)).Select(m => m.Groups["name"].Value))
            .ToHashSet(StringComparer.Ordinal);
        Assert.Contains("ProbeCatalog", selectionTypes);

        var offenders =
            from folder in LowerFolders
            from file in Directory.GetFiles(Path.Combine(probes!, folder), "*.cs", SearchOption.AllDirectories)
            from word in Word().Matches(File.ReadAllText(file)).Select(m => m.Value)
            where selectionTypes.Contains(word)
            select $"{Path.GetRelativePath(probes!, file)} names {word}";
        Assert.Empty(offenders.Distinct());
    }

    private static string? ProbesSourceDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "src", "EnergyFacts.Probes");
            if (File.Exists(Path.Combine(candidate, "EnergyFacts.Probes.csproj")))
            {
                return candidate;
            }
        }

        return null;
    }

    [GeneratedRegex(@"\b(?:class|record|struct|interface|enum)\s+(?<name>\w+)")]
    private static partial Regex TypeDeclaration();

    [GeneratedRegex(@"\b\w+\b")]
    private static partial Regex Word();
}
