using CsCheck;
using EnergyFacts.Results;
using EnergyFacts.Results.Csv;
using EnergyFacts.Results.Jsonl;

namespace EnergyFacts.Tests.Reliability.Fuzz;

/// <summary>
/// The results readers: any text either reads or fails with a ResultsFileFormatException that names the file and a line
/// inside it. Files start from real rows (the sinks' own output), then get mutated.
/// </summary>
public sealed class ResultsReaderFuzzTests(ITestOutputHelper output)
{
    private const string CsvName = "fuzz-emissions.csv";

    private static readonly string RealCsv = EmissionsCsv.HeaderLine + "\n" + EmissionsCsv.FormatRow(Results.ResultSamples.Row()) + "\n";
    private static readonly string RealJsonLine = ExperimentsJsonl.FormatRow(Results.ResultSamples.Row());

    private static readonly Gen<string> CsvText = Mutated(RealCsv);
    private static readonly Gen<string> JsonlText = Gen.OneOf(
        Mutated(RealJsonLine + "\n" + RealJsonLine + "\n"),
        FuzzInputs.Text(Gen.OneOf(Gen.Const(RealJsonLine), Gen.Const("{\"schema\":1}"), Gen.Const("[]"), Gen.Const("null"), FuzzInputs.Noise), 5));

    [Fact]
    public void Any_emissions_csv_reads_or_names_the_file_and_line_of_its_problem()
    {
        var cases = SeededFuzz.Check(CsvText, seed: 4180, SeededFuzz.CiCases, CsvProperty);
        output.WriteLine($"emissions.csv: {cases} cases");
    }

    [Fact]
    public void Any_experiments_jsonl_reads_or_names_the_file_and_line_of_its_problem()
    {
        var folder = Directory.CreateTempSubdirectory("energyfacts-fuzz-jsonl-").FullName;
        try
        {
            var path = Path.Combine(folder, "experiments.jsonl");
            var cases = SeededFuzz.Check(JsonlText, seed: 7159, SeededFuzz.CiCases / 2, text => JsonlProperty(path, text));
            output.WriteLine($"experiments.jsonl: {cases} cases");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    [Trait("category", "fuzz-heavy")]
    public void Any_emissions_csv_reads_or_names_the_file_and_line_heavy()
    {
        SeededFuzz.RequireHeavy();
        SeededFuzz.Check(CsvText, seed: 99, SeededFuzz.HeavyCases, CsvProperty);
    }

    private static void CsvProperty(string text)
    {
        try
        {
            var table = EmissionsCsv.Parse(text, CsvName);
            Assert.All(table.Rows, row => Assert.Equal(table.Header.Count, row.Count));
        }
        catch (ResultsFileFormatException ex)
        {
            Assert.StartsWith($"'{CsvName}'", ex.Message, StringComparison.Ordinal);
            Assert.Equal(CsvName, ex.FilePath);
            Assert.InRange(ex.LineNumber ?? 0, 1, text.Count(c => c == '\n') + 1);
        }
    }

    private static void JsonlProperty(string path, string text)
    {
        // Lone surrogates become U+FFFD on the way to UTF-8, as any editor would write them.
        File.WriteAllText(path, text, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false));
        try
        {
            ExperimentsJsonl.Read(path);
        }
        catch (ResultsFileFormatException ex)
        {
            Assert.StartsWith($"'{path}' line ", ex.Message, StringComparison.Ordinal);
            Assert.InRange(ex.LineNumber ?? 0, 1, text.Count(c => c == '\n' || c == '\r') + 1);
        }
    }

    // Real text with a few characters replaced, inserted or deleted at random places.
    private static Gen<string> Mutated(string real) =>
        Gen.Select(Gen.Int[0, real.Length - 1], FuzzInputs.InterestingChar, Gen.Int[0, 2]).Array[0, 6].Select(edits =>
        {
            var chars = new System.Text.StringBuilder(real);
            foreach (var (at, c, how) in edits)
            {
                var i = Math.Min(at, chars.Length - 1);
                if (i < 0)
                {
                    break;
                }

                _ = how switch
                {
                    0 => chars.Remove(i, 1),
                    1 => chars.Insert(i, c),
                    _ => chars.Remove(i, 1).Insert(i, c),
                };
            }

            return chars.ToString();
        });
}
