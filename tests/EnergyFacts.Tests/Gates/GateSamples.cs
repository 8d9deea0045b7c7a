using EnergyFacts.Gates;

namespace EnergyFacts.Tests.Gates;

/// <summary>Cases, machines and seeded noisy trials for the gate's tests.</summary>
internal static class GateSamples
{
    public static MachineDescription Machine { get; } = new("AMD EPYC 7763 64-Core Processor", null, 2, "Debian GNU/Linux 12 (bookworm)");

    public static ExperimentKey Key(string model = "lenet", int batch = 64, int epochs = 2) =>
        new("TrainingEnergy.Train", model, batch, epochs, "fashion-mnist", "cpu");

    public static CaseMeasurement Case(
        ExperimentKey key, IReadOnlyList<double> joules, FigureSource source = FigureSource.Estimated, MachineDescription? machine = null, params FigureTrials[] more) =>
        new(key, machine ?? Machine, "auto", [FigureTrials.LowerIsBetter(GatedFigure.Energy, source, joules), .. more]);

    /// <summary><paramref name="count"/> trials of <paramref name="center"/> × (1 + U(−noise, +noise)).</summary>
    public static double[] Noisy(Random random, int count, double center, double noise = 0.05) =>
        [.. Enumerable.Range(0, count).Select(_ => center * (1 + ((random.NextDouble() * 2) - 1) * noise))];

    public static GateSettings Settings(double threshold = 0.05, double confidence = 0.95) => new()
    {
        BaselinePath = "/repo/energy-baseline.json",
        RegressionThreshold = new RelativeThreshold(threshold),
        Confidence = new GateConfidence(confidence),
    };

    /// <summary>The verdict of <paramref name="current"/> energy trials against <paramref name="baseline"/> ones.</summary>
    public static CaseVerdict Decide(IReadOnlyList<double> baseline, IReadOnlyList<double> current, GateSettings? settings = null) =>
        RegressionGate.DecideCase(Case(Key(), baseline), Case(Key(), current), settings ?? Settings(), "/repo/energy-baseline.json");
}
