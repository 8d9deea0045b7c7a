using EnergyFacts.Torch;
using EnergyFacts.Torch.Data;
using EnergyFacts.Torch.Inference;
using EnergyFacts.Torch.Models;
using EnergyFacts.Torch.Training;
using TorchSharp;

namespace EnergyFacts.Experiments;

/// <summary>
/// The common shape of the experiments: prepare (load torch, choose threads and device, decode the data, build the
/// seeded model) as the trial's measured preparation, then train or infer, and report.
/// </summary>
internal static class TorchExperiment
{
    /// <summary>Trains <see cref="ExperimentContext.Model"/> on the dataset <paramref name="loadData"/> decodes.</summary>
    public static TrainingReport Train(ExperimentContext context, Func<IDataset> loadData, ModelOptions shape, TrainingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(loadData);
        var prepared = Prepare(context, loadData, shape);
        using var data = prepared.Data;
        using var model = prepared.Model;
        context.Log($"[torch] {ModelZoo.Describe(context.Model, shape)} on {prepared.Device.Name}, {prepared.Threads.IntraOp} intra-op thread(s) ({prepared.Threads.Reason})");

        var report = TrainingRun.Execute(
            (options ?? new TrainingOptions()) with
            {
                Epochs = context.Epochs,
                BatchSize = context.Batch,
                Device = prepared.Device.Name,
                Seed = context.Seed,
                Threads = prepared.Threads.IntraOp,
            },
            model,
            data,
            new ExperimentTrainingProgress(context),
            context.CancellationToken);
        context.Log($"[torch] {report.TrainSamplesPerSecond:F0} training samples/s over {report.TrainSamples} samples");
        return report;
    }

    /// <summary>Runs inference at <see cref="ExperimentContext.Batch"/>; energy per inference is the row's joules_per_sample.</summary>
    public static InferenceResult Infer(ExperimentContext context, Func<IDataset> loadData, ModelOptions shape, int batches)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(loadData);
        var prepared = Prepare(context, loadData, shape);
        using var data = prepared.Data;
        using var model = prepared.Model;
        var result = InferenceRun.Measure(
            new InferenceOptions { Device = prepared.Device.Name, MeasuredBatches = batches, Threads = prepared.Threads.IntraOp },
            context.Batch,
            model,
            data,
            context.CancellationToken);
        context.AddSamples(result.Inferences);
        context.Log($"[torch] {result}");
        return result;
    }

    // The trial's preparation, measured apart from the training it serves: native libtorch first (one clear error if it
    // cannot load), the threads (measured load) and the device, the data, then the seeded model on its device.
    private static Prepared Prepare(ExperimentContext context, Func<IDataset> loadData, ModelOptions shape)
    {
        using var preparation = context.BeginPreparation();
        TorchRuntime.EnsureLoaded();
        var threads = TorchThreads.Choose(null);
        context.UseThreads(threads.IntraOp, threads.InterOp);
        var device = TorchDevices.Resolve(context.Device);
        context.UseDevice(device.Name);
        var data = loadData();
        try
        {
            TrainingRun.SeedEverything(context.Seed);
            var model = ModelZoo.Create(context.Model, shape);
            model.to(device.Device);
            return new Prepared(data, model, device, threads);
        }
        catch
        {
            data.Dispose();
            throw;
        }
    }

    private sealed record Prepared(IDataset Data, torch.nn.Module<torch.Tensor, torch.Tensor> Model, TorchDeviceChoice Device, ThreadChoice Threads);
}
