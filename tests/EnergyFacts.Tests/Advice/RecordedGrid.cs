using EnergyFacts.Advice;

namespace EnergyFacts.Tests.Advice;

/// <summary>
/// A recorded training grid (Fashion-MNIST, CPU, two epochs unless named; 10,000 samples per epoch): one trial per
/// configuration except resnet20 at batch 128, which has three, so the median is exercised.
/// </summary>
internal static class RecordedGrid
{
    // model, batch, epochs, top-1, energy (J, PUE included), duration (s), samples
    private static readonly (string Model, int Batch, int Epochs, double Top1, double Joules, double Seconds, long Samples)[] Rows =
    [
        ("mlp", 64, 2, 0.842, 410, 9.8, 20_000),
        ("mlp", 128, 2, 0.838, 390, 9.4, 20_000),
        ("lenet", 32, 2, 0.883, 1900, 32, 20_000),
        ("lenet", 64, 2, 0.884, 1450, 31, 20_000),
        ("lenet", 128, 2, 0.880, 1180, 29, 20_000),
        ("resnet20", 64, 2, 0.905, 6900, 140, 20_000),
        ("resnet20", 128, 2, 0.901, 5500, 118, 20_000),
        ("resnet20", 128, 2, 0.903, 6100, 118, 20_000),
        ("resnet20", 128, 2, 0.902, 5600, 118, 20_000),
        ("resnet20", 128, 1, 0.871, 2950, 60, 10_000),
    ];

    public static IReadOnlyList<ConfigurationTrial> Trials { get; } = [.. Rows.Select(r => Trial(r.Model, r.Batch, r.Epochs, r.Top1, r.Joules, r.Seconds, r.Samples))];

    public static IReadOnlyList<MeasuredConfiguration> Configurations { get; } = MeasuredConfiguration.Aggregate(Trials);

    public static ConfigurationKey Key(string model, int batch, int epochs = 2) => new(model, batch, epochs, "cpu", "fashion-mnist");

    public static ConfigurationTrial Trial(string model, int batch, int epochs, double top1, double joules, double seconds, long samples) => new(
        Key(model, batch, epochs),
        top1,
        new Joules(joules),
        MillisecondsPerSample.FromRun(TimeSpan.FromSeconds(seconds), samples),
        joules / samples,
        "cpu=measured;gpu=none;ram=estimated",
        new Dictionary<string, string> { ["dataset"] = "fashion-mnist", ["model"] = model });
}
