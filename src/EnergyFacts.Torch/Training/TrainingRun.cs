using System.Diagnostics;
using EnergyFacts.Torch.Data;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace EnergyFacts.Torch.Training;

/// <summary>
/// Supervised image-classification training with per-epoch evaluation: seeded, synchronous, one dispose scope per
/// batch so memory stays flat across epochs. Models come from anywhere (e.g. <c>ModelZoo.Create(name, numClasses,
/// inputChannels, imageSize)</c>); seed with <see cref="SeedEverything"/> before building one for reproducible weights.
/// </summary>
public static class TrainingRun
{
    /// <summary>Seeds torch's CPU and CUDA generators.</summary>
    /// <param name="seed">Seed.</param>
    public static void SeedEverything(long seed)
    {
        TorchRuntime.EnsureLoaded();
        torch.manual_seed(seed);
        if (torch.cuda.is_available())
        {
            torch.cuda.manual_seed_all(seed);
        }
    }

    /// <summary>Trains <paramref name="model"/> on <paramref name="data"/> and evaluates after every epoch.</summary>
    /// <param name="options">How to train.</param>
    /// <param name="model">Any classifier mapping <c>(B, C, H, W)</c> to logits <c>(B, classes)</c>; moved to the chosen device.</param>
    /// <param name="data">The dataset.</param>
    /// <param name="progress">Receives each epoch's metrics and sample counts.</param>
    /// <param name="cancellationToken">Checked before every batch.</param>
    /// <returns>The report.</returns>
    /// <exception cref="TorchUnavailableException">Torch or the requested device is unavailable.</exception>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    /// <exception cref="TrainingDivergedException">An epoch's training or evaluation loss is NaN or infinite.</exception>
    public static TrainingReport Execute(TrainingOptions options, nn.Module<Tensor, Tensor> model, IDataset data, ITrainingProgress progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(progress);
        options.Validate();
        var device = TorchDevices.Resolve(options.Device);
        int threads = TorchThreads.Apply(options.Threads);
        SeedEverything(options.Seed);
        model.to(device.Device);
        long parameters = model.parameters().Where(p => p.requires_grad).Sum(p => p.numel());

        long batchesPerEpoch = (data.TrainCount + options.BatchSize - 1) / options.BatchSize;
        if (options.MaxTrainBatchesPerEpoch is int cap)
        {
            batchesPerEpoch = Math.Min(batchesPerEpoch, cap);
        }

        var schedule = new LearningRateSchedule(options.Schedule, options.LearningRate, batchesPerEpoch * options.Epochs,
            (long)Math.Round(options.WarmupEpochs * batchesPerEpoch));
        using var optimizer = CreateOptimizer(options, model);
        using var shuffle = new Generator((ulong)options.Seed);
        var checkpoints = options.CheckpointDirectory is null ? null : new CheckpointFiles(options.CheckpointDirectory);
        var epochs = new List<EpochMetrics>(options.Epochs);
        double bestTop1 = double.NegativeInfinity;
        long step = 0;
        for (int epoch = 1; epoch <= options.Epochs; epoch++)
        {
            var (trainLoss, samples, trainTime, learningRate) = TrainEpoch(options, model, data, device.Device, optimizer, schedule, shuffle, batchesPerEpoch, ref step, cancellationToken);
            progress.AddSamples(samples);
            var (evalLoss, top1, top5, evalTime) = Evaluate(model, data, options.EvalBatchSize, device.Device, cancellationToken);
            if (checkpoints is not null)
            {
                checkpoints.SaveLast(model);
                if (top1 > bestTop1)
                {
                    checkpoints.SaveBest(model);
                }
            }

            bestTop1 = Math.Max(bestTop1, top1);
            using var process = Process.GetCurrentProcess();
            var metrics = new EpochMetrics(epoch, trainLoss, evalLoss, top1, top5, learningRate, samples, trainTime, evalTime,
                Tensor.TotalCount, process.WorkingSet64);
            epochs.Add(metrics);
            progress.ReportEpoch(metrics);
            if (!double.IsFinite(trainLoss) || !double.IsFinite(evalLoss))
            {
                throw new TrainingDivergedException(epoch, trainLoss, evalLoss, OneDnnIsa.Limit);
            }
        }

        return new TrainingReport(device.Name, threads, parameters, data.Name, data.Source, options, epochs,
            checkpoints?.BestPath, checkpoints?.LastPath);
    }

    private static (double Loss, long Samples, TimeSpan Time, double LearningRate) TrainEpoch(
        TrainingOptions options, nn.Module<Tensor, Tensor> model, IDataset data, Device device, optim.Optimizer optimizer,
        LearningRateSchedule schedule, Generator shuffle, long batchesPerEpoch, ref long step, CancellationToken cancellationToken)
    {
        model.train();
        var clock = Stopwatch.StartNew();
        using var epochScope = NewDisposeScope();
        // Summed on the device and read once at the end: no host sync per batch on CUDA.
        var lossSum = zeros(1, dtype: ScalarType.Float64, device: device);
        long samples = 0;
        long batches = 0;
        double learningRate = schedule.At(step);
        foreach (var batch in data.TrainBatches(options.BatchSize, shuffle, device))
        {
            using (batch)
            {
                if (batches == batchesPerEpoch)
                {
                    break;
                }

                cancellationToken.ThrowIfCancellationRequested();
                learningRate = schedule.At(step);
                foreach (var group in optimizer.ParamGroups)
                {
                    group.LearningRate = learningRate;
                }

                using var batchScope = NewDisposeScope();
                optimizer.zero_grad();
                var logits = model.forward(batch.Inputs);
                var loss = nn.functional.cross_entropy(logits, batch.Labels, label_smoothing: options.LabelSmoothing);
                loss.backward();
                optimizer.step();
                lossSum.add_(loss.detach().to_type(ScalarType.Float64).mul(batch.Count));
                samples += batch.Count;
                batches++;
                step++;
            }
        }

        double meanLoss = lossSum.item<double>() / Math.Max(samples, 1);
        clock.Stop();
        return (meanLoss, samples, clock.Elapsed, learningRate);
    }

    private static (double Loss, double Top1, double Top5, TimeSpan Time) Evaluate(
        nn.Module<Tensor, Tensor> model, IDataset data, int batchSize, Device device, CancellationToken cancellationToken)
    {
        model.eval();
        var clock = Stopwatch.StartNew();
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var lossSum = zeros(1, dtype: ScalarType.Float64, device: device);
        var top1 = zeros(1, dtype: ScalarType.Int64, device: device);
        var topK = zeros(1, dtype: ScalarType.Int64, device: device);
        int k = Math.Min(5, data.NumClasses);
        long samples = 0;
        foreach (var batch in data.TestBatches(batchSize, device))
        {
            using (batch)
            {
                cancellationToken.ThrowIfCancellationRequested();
                using var batchScope = NewDisposeScope();
                var logits = model.forward(batch.Inputs);
                lossSum.add_(nn.functional.cross_entropy(logits, batch.Labels, reduction: nn.Reduction.Sum).to_type(ScalarType.Float64));
                var hits = logits.topk(k, dim: 1).indexes.eq(batch.Labels.unsqueeze(1));
                top1.add_(hits.select(1, 0).sum());
                topK.add_(hits.any(1).sum());
                samples += batch.Count;
            }
        }

        double n = Math.Max(samples, 1);
        var result = (lossSum.item<double>() / n, top1.item<long>() / n, topK.item<long>() / n);
        clock.Stop();
        return (result.Item1, result.Item2, result.Item3, clock.Elapsed);
    }

    private static optim.Optimizer CreateOptimizer(TrainingOptions options, nn.Module<Tensor, Tensor> model) => options.Optimizer switch
    {
        OptimizerKind.Sgd => optim.SGD(model.parameters(), options.LearningRate, momentum: options.Momentum,
            weight_decay: options.WeightDecay, nesterov: options.Nesterov && options.Momentum > 0),
        OptimizerKind.AdamW => optim.AdamW(model.parameters(), lr: options.LearningRate, weight_decay: options.WeightDecay),
        _ => throw new ArgumentOutOfRangeException(nameof(options), options.Optimizer, "TrainingOptions.Optimizer must be Sgd or AdamW."),
    };
}
