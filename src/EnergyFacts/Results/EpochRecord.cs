namespace EnergyFacts.Results;

/// <summary>What an experiment reported for one epoch.</summary>
/// <param name="Epoch">1-based epoch number.</param>
/// <param name="TrainLoss">Mean training loss.</param>
/// <param name="EvalLoss">Mean evaluation loss.</param>
/// <param name="EvalTop1">Top-1 accuracy on the evaluation split, 0–1.</param>
/// <param name="EvalTop5">Top-5 accuracy on the evaluation split, 0–1.</param>
/// <param name="LearningRate">Learning rate at the end of the epoch.</param>
/// <param name="Samples">Samples processed in the epoch.</param>
/// <param name="Duration">Wall time of the epoch.</param>
public sealed record EpochRecord(
    int Epoch, double? TrainLoss, double? EvalLoss, double? EvalTop1, double? EvalTop5, double? LearningRate, long Samples, TimeSpan Duration);
