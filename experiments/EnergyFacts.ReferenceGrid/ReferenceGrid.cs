using EnergyFacts.Torch.Data;
using EnergyFacts.Torch.Models;

namespace EnergyFacts.Experiments;

/// <summary>
/// The reference studies' grid: 14 image-classification architectures × CIFAR-10/100 × batch 32/64/128, 50 epochs.
/// Its own project, so the main job never lists it; each case is skipped unless the CIFAR binary data is present:
/// <c>ENERGYFACTS_CIFAR10_DIR=… dotnet test --project experiments/EnergyFacts.ReferenceGrid</c>.
/// </summary>
[Trait("suite", "reference")]
public sealed class ReferenceGrid
{
    [EnergyExperiment("resnet18", 32, 50, Dataset = "cifar10")]
    [EnergyExperiment("resnet18", 64, 50, Dataset = "cifar10")]
    [EnergyExperiment("resnet18", 128, 50, Dataset = "cifar10")]
    [EnergyExperiment("resnet34", 32, 50, Dataset = "cifar10")]
    [EnergyExperiment("resnet34", 64, 50, Dataset = "cifar10")]
    [EnergyExperiment("resnet34", 128, 50, Dataset = "cifar10")]
    [EnergyExperiment("resnet50", 32, 50, Dataset = "cifar10")]
    [EnergyExperiment("resnet50", 64, 50, Dataset = "cifar10")]
    [EnergyExperiment("resnet50", 128, 50, Dataset = "cifar10")]
    [EnergyExperiment("resnet101", 32, 50, Dataset = "cifar10")]
    [EnergyExperiment("resnet101", 64, 50, Dataset = "cifar10")]
    [EnergyExperiment("resnet101", 128, 50, Dataset = "cifar10")]
    [EnergyExperiment("resnet152", 32, 50, Dataset = "cifar10")]
    [EnergyExperiment("resnet152", 64, 50, Dataset = "cifar10")]
    [EnergyExperiment("resnet152", 128, 50, Dataset = "cifar10")]
    [EnergyExperiment("mobilenetv2_100", 32, 50, Dataset = "cifar10")]
    [EnergyExperiment("mobilenetv2_100", 64, 50, Dataset = "cifar10")]
    [EnergyExperiment("mobilenetv2_100", 128, 50, Dataset = "cifar10")]
    [EnergyExperiment("mobilenetv3_small_100", 32, 50, Dataset = "cifar10")]
    [EnergyExperiment("mobilenetv3_small_100", 64, 50, Dataset = "cifar10")]
    [EnergyExperiment("mobilenetv3_small_100", 128, 50, Dataset = "cifar10")]
    [EnergyExperiment("mobilenetv3_large_100", 32, 50, Dataset = "cifar10")]
    [EnergyExperiment("mobilenetv3_large_100", 64, 50, Dataset = "cifar10")]
    [EnergyExperiment("mobilenetv3_large_100", 128, 50, Dataset = "cifar10")]
    [EnergyExperiment("efficientnet_b0", 32, 50, Dataset = "cifar10")]
    [EnergyExperiment("efficientnet_b0", 64, 50, Dataset = "cifar10")]
    [EnergyExperiment("efficientnet_b0", 128, 50, Dataset = "cifar10")]
    [EnergyExperiment("efficientnet_b3", 32, 50, Dataset = "cifar10")]
    [EnergyExperiment("efficientnet_b3", 64, 50, Dataset = "cifar10")]
    [EnergyExperiment("efficientnet_b3", 128, 50, Dataset = "cifar10")]
    [EnergyExperiment("efficientnetv2_s", 32, 50, Dataset = "cifar10")]
    [EnergyExperiment("efficientnetv2_s", 64, 50, Dataset = "cifar10")]
    [EnergyExperiment("efficientnetv2_s", 128, 50, Dataset = "cifar10")]
    [EnergyExperiment("convnext_tiny", 32, 50, Dataset = "cifar10")]
    [EnergyExperiment("convnext_tiny", 64, 50, Dataset = "cifar10")]
    [EnergyExperiment("convnext_tiny", 128, 50, Dataset = "cifar10")]
    [EnergyExperiment("vit_base_patch16_224", 32, 50, Dataset = "cifar10")]
    [EnergyExperiment("vit_base_patch16_224", 64, 50, Dataset = "cifar10")]
    [EnergyExperiment("vit_base_patch16_224", 128, 50, Dataset = "cifar10")]
    [EnergyExperiment("deit_base_patch16_224", 32, 50, Dataset = "cifar10")]
    [EnergyExperiment("deit_base_patch16_224", 64, 50, Dataset = "cifar10")]
    [EnergyExperiment("deit_base_patch16_224", 128, 50, Dataset = "cifar10")]
    public void Cifar10(ExperimentContext context) =>
        TrainOnCifar(context, "ENERGYFACTS_CIFAR10_DIR", directory => Datasets.Cifar10(directory), ModelOptions.Cifar10);

    [EnergyExperiment("resnet18", 32, 50, Dataset = "cifar100")]
    [EnergyExperiment("resnet18", 64, 50, Dataset = "cifar100")]
    [EnergyExperiment("resnet18", 128, 50, Dataset = "cifar100")]
    [EnergyExperiment("resnet34", 32, 50, Dataset = "cifar100")]
    [EnergyExperiment("resnet34", 64, 50, Dataset = "cifar100")]
    [EnergyExperiment("resnet34", 128, 50, Dataset = "cifar100")]
    [EnergyExperiment("resnet50", 32, 50, Dataset = "cifar100")]
    [EnergyExperiment("resnet50", 64, 50, Dataset = "cifar100")]
    [EnergyExperiment("resnet50", 128, 50, Dataset = "cifar100")]
    [EnergyExperiment("resnet101", 32, 50, Dataset = "cifar100")]
    [EnergyExperiment("resnet101", 64, 50, Dataset = "cifar100")]
    [EnergyExperiment("resnet101", 128, 50, Dataset = "cifar100")]
    [EnergyExperiment("resnet152", 32, 50, Dataset = "cifar100")]
    [EnergyExperiment("resnet152", 64, 50, Dataset = "cifar100")]
    [EnergyExperiment("resnet152", 128, 50, Dataset = "cifar100")]
    [EnergyExperiment("mobilenetv2_100", 32, 50, Dataset = "cifar100")]
    [EnergyExperiment("mobilenetv2_100", 64, 50, Dataset = "cifar100")]
    [EnergyExperiment("mobilenetv2_100", 128, 50, Dataset = "cifar100")]
    [EnergyExperiment("mobilenetv3_small_100", 32, 50, Dataset = "cifar100")]
    [EnergyExperiment("mobilenetv3_small_100", 64, 50, Dataset = "cifar100")]
    [EnergyExperiment("mobilenetv3_small_100", 128, 50, Dataset = "cifar100")]
    [EnergyExperiment("mobilenetv3_large_100", 32, 50, Dataset = "cifar100")]
    [EnergyExperiment("mobilenetv3_large_100", 64, 50, Dataset = "cifar100")]
    [EnergyExperiment("mobilenetv3_large_100", 128, 50, Dataset = "cifar100")]
    [EnergyExperiment("efficientnet_b0", 32, 50, Dataset = "cifar100")]
    [EnergyExperiment("efficientnet_b0", 64, 50, Dataset = "cifar100")]
    [EnergyExperiment("efficientnet_b0", 128, 50, Dataset = "cifar100")]
    [EnergyExperiment("efficientnet_b3", 32, 50, Dataset = "cifar100")]
    [EnergyExperiment("efficientnet_b3", 64, 50, Dataset = "cifar100")]
    [EnergyExperiment("efficientnet_b3", 128, 50, Dataset = "cifar100")]
    [EnergyExperiment("efficientnetv2_s", 32, 50, Dataset = "cifar100")]
    [EnergyExperiment("efficientnetv2_s", 64, 50, Dataset = "cifar100")]
    [EnergyExperiment("efficientnetv2_s", 128, 50, Dataset = "cifar100")]
    [EnergyExperiment("convnext_tiny", 32, 50, Dataset = "cifar100")]
    [EnergyExperiment("convnext_tiny", 64, 50, Dataset = "cifar100")]
    [EnergyExperiment("convnext_tiny", 128, 50, Dataset = "cifar100")]
    [EnergyExperiment("vit_base_patch16_224", 32, 50, Dataset = "cifar100")]
    [EnergyExperiment("vit_base_patch16_224", 64, 50, Dataset = "cifar100")]
    [EnergyExperiment("vit_base_patch16_224", 128, 50, Dataset = "cifar100")]
    [EnergyExperiment("deit_base_patch16_224", 32, 50, Dataset = "cifar100")]
    [EnergyExperiment("deit_base_patch16_224", 64, 50, Dataset = "cifar100")]
    [EnergyExperiment("deit_base_patch16_224", 128, 50, Dataset = "cifar100")]
    public void Cifar100(ExperimentContext context) =>
        TrainOnCifar(context, "ENERGYFACTS_CIFAR100_DIR", directory => Datasets.Cifar100(directory), ModelOptions.Cifar100);

    private static void TrainOnCifar(ExperimentContext context, string variable, Func<string, IDataset> load, ModelOptions shape)
    {
        var directory = Environment.GetEnvironmentVariable(variable);
        Assert.SkipWhen(
            string.IsNullOrEmpty(directory) || !Directory.Exists(directory),
            $"{context.Dataset} data not present: set {variable} to the folder holding the binary batches.");
        TorchExperiment.Train(context, () => load(directory!), shape);
    }
}
