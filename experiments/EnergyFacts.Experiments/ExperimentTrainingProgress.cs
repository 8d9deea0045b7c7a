using EnergyFacts.Torch.Training;

namespace EnergyFacts.Experiments;

/// <summary>Routes what the Torch training loop learns to the experiment's results and output.</summary>
internal sealed class ExperimentTrainingProgress(ExperimentContext context) : ITrainingProgress
{
    public void ReportEpoch(EpochMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        context.ReportEpoch(metrics.Epoch, metrics.TrainLoss, metrics.EvalLoss, metrics.EvalTop1, metrics.EvalTop5, metrics.LearningRate);
        context.Log("[torch] " + metrics);
    }

    public void AddSamples(long count) => context.AddSamples(count);
}
