using EnergyFacts.Torch.Data;
using EnergyFacts.Torch.Models;
using EnergyFacts.Torch.Training;

namespace EnergyFacts.Experiments;

/// <summary>
/// The default suite (the README's first command): three architectures of clearly different size and cost — an MLP,
/// a LeNet-style CNN and a CIFAR-style ResNet-20 (narrow: 16-32-64 channels) — at two batch sizes, two epochs, on the
/// Fashion-MNIST subset embedded in EnergyFacts.Torch (4,000 training and 1,000 test images), plus LeNet inference
/// energy across batch sizes 1, 32 and 256. Each case asserts its model learned (a top-1 floor) as well as its budget.
/// </summary>
/// <remarks>
/// Budgets are sized for a workstation or a cloud VM measured with RAPL (a CPU package at 30–100 W for under a minute),
/// so they hold there and on estimating machines, yet a regression that makes a case several times costlier fails it.
/// </remarks>
public sealed class FashionMnistSubset
{
    private const string Dataset = "fashion-mnist-subset";

    [EnergyExperiment("mlp", 64, 2, Dataset = Dataset, Seed = 1)]
    [EnergyExperiment("mlp", 128, 2, Dataset = Dataset, Seed = 1)]
    [EnergyBudget(MaxKilowattHours = 0.0005, MaxSeconds = 120, MaxJoulesPerSample = 0.25)]
    public void Mlp(ExperimentContext context) => TrainOnSubset(context, minimumTop1: 0.70);

    [EnergyExperiment("lenet", 32, 2, Dataset = Dataset, Seed = 1)]
    [EnergyExperiment("lenet", 64, 2, Dataset = Dataset, Seed = 1)]
    [EnergyBudget(MaxKilowattHours = 0.001, MaxSeconds = 180, MaxJoulesPerSample = 0.5)]
    public void LeNet(ExperimentContext context) => TrainOnSubset(context, minimumTop1: 0.80, SubsetRecipes.ConvNet);

    [EnergyExperiment("resnet20", 64, 2, Dataset = Dataset, Seed = 1)]
    [EnergyExperiment("resnet20", 128, 2, Dataset = Dataset, Seed = 1)]
    [EnergyBudget(MaxKilowattHours = 0.003, MaxSeconds = 240, MaxJoulesPerSample = 2)]
    public void NarrowResNet(ExperimentContext context) => TrainOnSubset(context, minimumTop1: 0.70);

    [EnergyExperiment("lenet", 1, 1, Dataset = Dataset, Seed = 1)]
    [EnergyExperiment("lenet", 32, 1, Dataset = Dataset, Seed = 1)]
    [EnergyExperiment("lenet", 256, 1, Dataset = Dataset, Seed = 1)]
    [EnergyBudget(MaxKilowattHours = 0.0005, MaxSeconds = 60, MaxJoulesPerSample = 0.1)]
    public void Inference(ExperimentContext context)
    {
        var result = TorchExperiment.Infer(context, Datasets.FashionMnistEmbedded, ModelOptions.FashionMnist, batches: Math.Max(8, 512 / context.Batch));
        Assert.True(result.Inferences > 0);
    }

    private static void TrainOnSubset(ExperimentContext context, double minimumTop1, TrainingOptions? recipe = null)
    {
        var report = TorchExperiment.Train(context, Datasets.FashionMnistEmbedded, ModelOptions.FashionMnist, recipe ?? SubsetRecipes.AdamW);

        // An experiment whose model learned nothing is a failed experiment, whatever it cost.
        Assert.True(
            report.Final.EvalTop1 >= minimumTop1,
            $"{context.Model} reached {report.Final.EvalTop1:P1} top-1, below the {minimumTop1:P0} this suite expects.");
    }
}
