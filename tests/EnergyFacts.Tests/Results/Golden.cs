using System.Runtime.CompilerServices;
using System.Text;

namespace EnergyFacts.Tests.Results;

/// <summary>
/// Snapshot assertions against text files in Results/Golden (copied to the output folder). Set
/// ENERGYFACTS_UPDATE_GOLDEN=1 to rewrite the files in the source tree from the actual output, then review the diff.
/// </summary>
internal static class Golden
{
    public const string UpdateVariable = "ENERGYFACTS_UPDATE_GOLDEN";

    public static void Assert(string actual, string name)
    {
        var normalized = actual.Replace("\r\n", "\n", StringComparison.Ordinal);
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            var sourcePath = Path.Combine(SourceDirectory(), "Golden", name + ".txt");
            Directory.CreateDirectory(Path.GetDirectoryName(sourcePath)!);
            File.WriteAllText(sourcePath, normalized, new UTF8Encoding(false));
            return;
        }

        var path = Path.Combine(AppContext.BaseDirectory, "Results", "Golden", name + ".txt");
        if (!File.Exists(path))
        {
            Xunit.Assert.Fail($"Golden file '{path}' is missing; run the tests once with {UpdateVariable}=1 to create it, then review it.");
        }

        var expected = File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal);
        if (expected == normalized)
        {
            return;
        }

        var expectedLines = expected.Split('\n');
        var actualLines = normalized.Split('\n');
        var line = 0;
        while (line < expectedLines.Length && line < actualLines.Length && expectedLines[line] == actualLines[line])
        {
            line++;
        }

        Xunit.Assert.Fail(
            $"Output differs from golden file '{name}.txt' at line {line + 1}.\n" +
            $"expected: {(line < expectedLines.Length ? expectedLines[line] : "<end of file>")}\n" +
            $"actual:   {(line < actualLines.Length ? actualLines[line] : "<end of file>")}\n" +
            $"If the change is intended, rerun with {UpdateVariable}=1 and review the diff.");
    }

    private static string SourceDirectory([CallerFilePath] string thisFile = "") => Path.GetDirectoryName(thisFile)!;
}
