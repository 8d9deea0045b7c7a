using CsCheck;
using EnergyFacts.Probes;
using EnergyFacts.Probes.Replay;

namespace EnergyFacts.Tests.Reliability.Fuzz;

/// <summary>Replay traces: any text either parses into a trace or fails with a ProbeConfigurationException naming file and line.</summary>
public sealed class ReplayTraceFuzzTests(ITestOutputHelper output)
{
    private const string File = "fuzz-trace.csv";

    private static readonly Gen<string> Row = Gen.Select(FuzzInputs.NumberText, FuzzInputs.NumberText, FuzzInputs.NumberText, FuzzInputs.NumberText)
        .Select((t, c, g, r) => $"{t},{c},{g},{r}");

    private static readonly Gen<string[]> Trace = Gen.Select(
        Gen.Frequency((9, Gen.Const(PowerTrace.Header)), (1, FuzzInputs.Noise)),
        FuzzInputs.Lines(Gen.Frequency((3, Row), (2, Gen.Int[0, 100].Select(i => $"{i},{i * 3},0,5"))), 30),
        (header, rows) => (string[])[header, .. rows]);

    [Fact]
    public void Any_trace_parses_or_names_the_file_and_line_of_its_first_problem()
    {
        var cases = SeededFuzz.Check(Trace, seed: 20260301, SeededFuzz.CiCases, Property, lines => string.Join("\\n", lines));
        output.WriteLine($"replay traces: {cases} cases");
    }

    [Fact]
    [Trait("category", "fuzz-heavy")]
    public void Any_trace_parses_or_names_the_file_and_line_heavy()
    {
        SeededFuzz.RequireHeavy();
        SeededFuzz.Check(Trace, seed: 7, SeededFuzz.HeavyCases, Property, lines => string.Join("\\n", lines));
    }

    private static void Property(string[] lines)
    {
        try
        {
            var trace = PowerTrace.Parse(File, lines);
            Assert.InRange(trace.RowCount, 1, lines.Length - 1);
            Assert.False(double.IsNaN(trace.EnergyUntil(PowerComponent.Cpu, 1e6).Value)); // 1e308 W rows parse; the sampler refuses them as implausible
        }
        catch (ProbeConfigurationException ex)
        {
            var match = System.Text.RegularExpressions.Regex.Match(ex.Message, "^fuzz-trace\\.csv(:(\\d+))?:");
            Assert.True(match.Success, $"the message does not start with the file name: {ex.Message}");
            if (match.Groups[2].Success)
            {
                Assert.InRange(int.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture), 1, Math.Max(1, lines.Length));
            }
        }
    }
}
