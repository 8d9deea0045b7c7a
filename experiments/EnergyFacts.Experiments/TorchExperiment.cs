using EnergyFacts.Torch;
using EnergyFacts.Torch.Data;
using EnergyFacts.Torch.Inference;
using EnergyFacts.Torch.Models;
using EnergyFacts.Torch.Training;

namespace EnergyFacts.Experiments;

/// <summary>The common shape of the experiments: load torch, pick the device, build the model, train or infer, report.</summary>
internal static class TorchExperiment
{
    /// <summary>Trains <see cref="ExperimentContext.Model"/> on <paramref name="data"/> and asserts the run learned something.</summary>
    public static TrainingReport Train(ExperimentContext context, IDataset data, ModelOptions shape, TrainingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        TorchRuntime.EnsureLoaded();
        var device = TorchDevices.Resolve(context.Device);
        context.UseDevice(device.Name);
        TrainingRun.SeedEverything(context.Seed);
        using var model = ModelZoo.Create(context.Model, shape);
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
        TorchRuntime.EnsureLoaded();
        var device = TorchDevices.Resolve(context.Device);
        context.UseDevice(device.Name);
        TrainingRun.SeedEverything(context.Seed);
        using var model = ModelZoo.Create(context.Model, shape);
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
}
