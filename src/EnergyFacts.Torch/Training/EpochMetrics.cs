using System.Globalization;

namespace EnergyFacts.Torch.Training;

/// <summary>What one epoch produced.</summary>
/// <param name="Epoch">1-based epoch number.</param>
/// <param name="TrainLoss">Mean cross-entropy over the epoch's training samples.</param>
/// <param name="EvalLoss">Mean cross-entropy over the held-out split.</param>
/// <param name="EvalTop1">Top-1 accuracy on the held-out split, 0..1.</param>
/// <param name="EvalTop5">Top-5 accuracy (top-k with k = min(5, classes)), 0..1.</param>
/// <param name="LearningRate">Learning rate at the epoch's last step.</param>
/// <param name="TrainSamples">Training samples processed in the epoch.</param>
/// <param name="TrainTime">Wall time of the training pass (excluding evaluation).</param>
/// <param name="EvalTime">Wall time of the evaluation pass.</param>
/// <param name="LiveTensors">TorchSharp's live tensor count after the epoch (flat across epochs when nothing leaks).</param>
/// <param name="WorkingSetBytes">Process working set after the epoch.</param>
public sealed record EpochMetrics(
    int Epoch,
    double TrainLoss,
    double EvalLoss,
    double EvalTop1,
    double EvalTop5,
    double LearningRate,
    long TrainSamples,
    TimeSpan TrainTime,
    TimeSpan EvalTime,
    long LiveTensors,
    long WorkingSetBytes)
{
    /// <summary>Training throughput of the epoch.</summary>
    public double TrainSamplesPerSecond => TrainTime > TimeSpan.Zero ? TrainSamples / TrainTime.TotalSeconds : 0;

    /// <summary>One progress line, invariant culture.</summary>
    /// <returns>e.g. <c>epoch 2: train loss 0.4123, eval loss 0.4410, top-1 84.20 %, top-5 99.60 %, lr 0.000500, 1834 samples/s</c>.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"epoch {Epoch}: train loss {TrainLoss:F4}, eval loss {EvalLoss:F4}, top-1 {EvalTop1 * 100:F2} %, top-5 {EvalTop5 * 100:F2} %, lr {LearningRate:G4}, {TrainSamplesPerSecond:F0} samples/s ({TrainTime.TotalSeconds:F1} s train, {EvalTime.TotalSeconds:F1} s eval)");
}
