using EnergyFacts.Torch.Training;

namespace EnergyFacts.Torch.Tests.Training;

/// <summary>Keeps what the training loop reported, for assertions.</summary>
internal sealed class RecordingProgress : ITrainingProgress
{
    public List<EpochMetrics> Epochs { get; } = [];

    public List<long> Samples { get; } = [];

    public void ReportEpoch(EpochMetrics metrics)
    {
        Epochs.Add(metrics);
        TestContext.Current.TestOutputHelper?.WriteLine(metrics.ToString());
    }

    public void AddSamples(long count) => Samples.Add(count);
}
