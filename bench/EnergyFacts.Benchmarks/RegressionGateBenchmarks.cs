using BenchmarkDotNet.Attributes;
using EnergyFacts.Gates;

namespace EnergyFacts.Benchmarks;

/// <summary>
/// The regression gate's own cost: parse a baseline of 1,000 cases (5 energy trials each, as a file would hold it) and
/// decide all of them against a run of 1,000 cases with 5 trials each. The issue asks for well under a second.
/// </summary>
[MemoryDiagnoser]
public class RegressionGateBenchmarks
{
    private const int Cases = 1000;
    private const int Trials = 5;

    private byte[] baselineJson = [];
    private List<CaseMeasurement> run = [];
    private readonly GateSettings settings = new() { BaselinePath = "/bench/energy-baseline.json" };

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        var machine = new MachineDescription("AMD EPYC 7763 64-Core Processor", null, 2, "Debian GNU/Linux 12 (bookworm)");
        CaseMeasurement Case(int i, double effect) => new(
            new ExperimentKey("Grid.Train", "model" + (i / 20), 16 << (i % 4), 1 + (i % 5), "cifar10", "cpu"),
            machine,
            "auto",
            [FigureTrials.LowerIsBetter(GatedFigure.Energy, FigureSource.Estimated, [.. Enumerable.Range(0, Trials).Select(_ => 1000 * effect * (0.95 + (random.NextDouble() * 0.1)))])]);

        baselineJson = BaselineJsonWriter.ToUtf8(new Baseline(Enumerable.Range(0, Cases).Select(i => Case(i, 1.0))));
        // One case in ten regressed by 20 %: the others unchanged or inconclusive.
        run = [.. Enumerable.Range(0, Cases).Select(i => Case(i, i % 10 == 0 ? 1.2 : 1.0))];
    }

    /// <summary>Parse the baseline and decide every case.</summary>
    [Benchmark]
    public int ReadAndDecide1000Cases()
    {
        var baseline = BaselineFile.Parse(baselineJson, "energy-baseline.json");
        var report = RegressionGate.Decide(BaselineRead.Loaded("/bench/energy-baseline.json", baseline), run, settings);
        return report.Verdicts.Count(v => v.Fails);
    }
}
