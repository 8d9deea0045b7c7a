using EnergyFacts.Torch.Data;
using EnergyFacts.Torch.Models;
using EnergyFacts.Torch.Training;

namespace EnergyFacts.Experiments;

/// <summary>
/// The longer run of the forecast-error study (docs/forecast-error.md): the default suite's narrow ResNet-20 for ten
/// epochs, so the forecasts after 10 %, 25 % and 50 % of the epochs are made at different epochs. In the opt-in
/// studies project, so the main job neither runs nor lists it; <c>-- --filter-trait suite=forecast</c> runs it alone.
/// </summary>
[Trait("suite", "forecast")]
public sealed class ForecastStudy
{
    [EnergyExperiment("resnet20", 64, 10, Dataset = "fashion-mnist-subset", Seed = 1)]
    public void LongerResNet(ExperimentContext context) =>
        TorchExperiment.Train(context, Datasets.FashionMnistEmbedded, ModelOptions.FashionMnist, SubsetRecipes.AdamW);
}
