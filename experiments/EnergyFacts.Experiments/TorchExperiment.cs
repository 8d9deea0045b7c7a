using EnergyFacts.Torch;
using EnergyFacts.Torch.Data;
using EnergyFacts.Torch.Inference;
using EnergyFacts.Torch.Models;
using EnergyFacts.Torch.Training;
using TorchSharp;

namespace EnergyFacts.Experiments;

/// <summary>The common shape of the experiments: load torch, pick the device, build the model, train or infer, report.</summary>
internal static class TorchExperiment
{
    /// <summary>Trains <see cref="ExperimentContext.Model"/> on <paramref name="data"/> and asserts the run learned something.</summary>
    public static TrainingReport Train(ExperimentContext context, IDataset data, ModelOptions shape, TrainingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        using var model = Prepare(context, shape, out var device);
        context.Log($"[torch] {ModelZoo.Describe(context.Model, shape)} on {device.Name}");

        var report = TrainingRun.Execute(
            (options ?? new TrainingOptions()) with
            {
                Epochs = context.Epochs,
                BatchSize = context.Batch,
                Device = device.Name,
                Seed = context.Seed,
            },
            model,
            data,
            new ExperimentTrainingProgress(context),
            context.CancellationToken);
        context.Log($"[torch] {report.TrainSamplesPerSecond:F0} training samples/s over {report.TrainSamples} samples");
        return report;
    }

    /// <summary>Runs inference at <see cref="ExperimentContext.Batch"/>; energy per inference is the row's joules_per_sample.</summary>
    public static InferenceResult Infer(ExperimentContext context, IDataset data, ModelOptions shape, int batches)
    {
        ArgumentNullException.ThrowIfNull(context);
        using var model = Prepare(context, shape, out var device);
        var result = InferenceRun.Measure(
            new InferenceOptions { Device = device.Name, MeasuredBatches = batches },
            context.Batch,
            model,
            data,
            context.CancellationToken);
        context.AddSamples(result.Inferences);
        context.Log($"[torch] {result}");
        return result;
    }

    // Native libtorch first (one clear error if it cannot load), then the device, the seed, and the seeded model.
    private static torch.nn.Module<torch.Tensor, torch.Tensor> Prepare(ExperimentContext context, ModelOptions shape, out TorchDeviceChoice device)
    {
        TorchRuntime.EnsureLoaded();
        device = TorchDevices.Resolve(context.Device);
        context.UseDevice(device.Name);
        TrainingRun.SeedEverything(context.Seed);
        return ModelZoo.Create(context.Model, shape);
    }
}
