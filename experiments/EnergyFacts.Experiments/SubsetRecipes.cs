using EnergyFacts.Torch.Training;

namespace EnergyFacts.Experiments;

/// <summary>
/// The default suite's training recipes on the embedded Fashion-MNIST subset, shared with the forecast study and the
/// side-by-side benchmark (bench/EnergyFacts.TrainingThroughput; bench/training-throughput/pytorch_train.py mirrors them).
/// </summary>
internal static class SubsetRecipes
{
    /// <summary>
    /// AdamW with a short warm-up and cosine decay; a peak rate above AdamW's usual 1e-3 because two epochs over 4,000
    /// images are only ~60–125 optimiser steps.
    /// </summary>
    public static TrainingOptions AdamW { get; } = new()
    {
        Optimizer = OptimizerKind.AdamW,
        LearningRate = 5e-3,
        WarmupEpochs = 0.2,
        WeightDecay = 1e-4,
    };

    /// <summary>SGD with Nesterov momentum on a one-cycle schedule: the CNN converges further in two short epochs than with AdamW.</summary>
    public static TrainingOptions ConvNet { get; } = new()
    {
        Optimizer = OptimizerKind.Sgd,
        LearningRate = 0.05,
        Momentum = 0.9,
        Nesterov = true,
        Schedule = LearningRateScheduleKind.OneCycle,
        WeightDecay = 5e-4,
    };

    /// <summary>The recipe the default suite trains <paramref name="model"/> with.</summary>
    public static TrainingOptions For(string model) => model == "lenet" ? ConvNet : AdamW;
}
