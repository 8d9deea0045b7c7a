namespace EnergyFacts.Torch.Training;

/// <summary>
/// Receives progress from <see cref="TrainingRun"/> while it runs, on the training thread. The EnergyFacts harness
/// adapts it to <c>ExperimentContext.ReportEpoch</c>/<c>AddSamples</c> and routes it to the test output.
/// Implementations should return quickly and not throw.
/// </summary>
public interface ITrainingProgress
{
    /// <summary>Called once per epoch, after evaluation.</summary>
    /// <param name="metrics">The epoch's losses, accuracies, learning rate and timings.</param>
    void ReportEpoch(EpochMetrics metrics);

    /// <summary>Called after each epoch's training pass with the number of training samples processed.</summary>
    /// <param name="count">Samples in that pass.</param>
    void AddSamples(long count);
}
