using System.Text.RegularExpressions;

namespace EnergyFacts.Tests.Architecture;

/// <summary>
/// The layout is a map of the architecture: no folder of src/EnergyFacts uses a type of a folder that uses one of its
/// own back. Read from the source (type declarations and the identifiers each file uses, comments and strings removed),
/// so a cycle fails here before it grows.
/// </summary>
public sealed partial class FolderDependencyTests
{
    [Fact]
    public void No_folder_of_the_library_depends_on_a_folder_that_depends_on_it()
    {
        var root = Path.Combine(EndToEnd.SampleExperimentsProcess.RepositoryRoot, "src", "EnergyFacts");
        var files = Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(f => (Folder: Path.GetRelativePath(root, f).Split(Path.DirectorySeparatorChar)[0], Code: CodeOnly(File.ReadAllText(f))))
            .ToList();
        var declaredIn = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (folder, code) in files)
        {
            foreach (Match m in Declaration().Matches(code))
            {
                declaredIn.TryAdd(m.Groups[1].Value, folder);
            }
        }

        var uses = files
            .GroupBy(f => f.Folder)
            .ToDictionary(
                g => g.Key,
                g => g.SelectMany(f => Identifier().Matches(f.Code).Select(m => m.Value))
                    .Where(declaredIn.ContainsKey)
                    .Where(name => declaredIn[name] != g.Key)
                    .GroupBy(name => declaredIn[name])
                    .ToDictionary(u => u.Key, u => u.Distinct().Order(StringComparer.Ordinal).ToList()));

        var cycles = uses
            .SelectMany(a => a.Value.Keys
                .Where(b => string.CompareOrdinal(a.Key, b) < 0 && uses.TryGetValue(b, out var back) && back.ContainsKey(a.Key))
                .Select(b => $"{a.Key} uses {b} ({string.Join(", ", a.Value[b])}) and {b} uses {a.Key} ({string.Join(", ", uses[b][a.Key])})"))
            .ToList();
        Assert.True(cycles.Count == 0, string.Join(Environment.NewLine, cycles));
        Assert.True(uses.Count >= 6, "the scan found too few folders to mean anything");
    }

    private static string CodeOnly(string source) => Strings().Replace(Comments().Replace(source, " "), "\"\"");

    [GeneratedRegex(@"\b(?:class|record|struct|interface|enum)\s+(?:struct\s+)?([A-Z]\w*)")]
    private static partial Regex Declaration();

    [GeneratedRegex(@"\b[A-Z]\w*\b")]
    private static partial Regex Identifier();

    [GeneratedRegex(@"//[^\n]*|/\*.*?\*/", RegexOptions.Singleline)]
    private static partial Regex Comments();

    [GeneratedRegex(@"@?\$?""(?:[^""\\\n]|\\.)*""")]
    private static partial Regex Strings();
}
