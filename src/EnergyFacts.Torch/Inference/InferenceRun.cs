using System.Diagnostics;
using EnergyFacts.Torch.Data;
using EnergyFacts.Torch.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace EnergyFacts.Torch.Inference;

/// <summary>
/// Measures inference latency percentiles and throughput per batch size, as in batch-size energy studies. Each batch
/// size is one call to <see cref="Measure"/>, so a caller can wrap an energy measurement around exactly that call and
/// divide by <see cref="InferenceResult.Inferences"/> for energy per inference.
/// </summary>
public static class InferenceRun
{
    // Distinct input batches kept on the device and cycled through: bounded memory for large images and batches.
    private const int InputPoolSize = 4;

    /// <summary>Measures every batch size in <paramref name="options"/>, in order.</summary>
    /// <param name="options">Batch sizes, warm-up, device, threads.</param>
    /// <param name="model">The classifier (put in eval mode).</param>
    /// <param name="data">Held-out images are cycled through as inputs.</param>
    /// <param name="cancellationToken">Checked between passes.</param>
    /// <returns>One result per batch size.</returns>
    public static IReadOnlyList<InferenceResult> Execute(InferenceOptions options, nn.Module<Tensor, Tensor> model, IDataset data, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return options.BatchSizes.Select(size => Measure(options, size, model, data, cancellationToken)).ToList();
    }

    /// <summary>Measures one batch size.</summary>
    /// <param name="options">Warm-up, timed passes, device, threads (<see cref="InferenceOptions.BatchSizes"/> is ignored).</param>
    /// <param name="batchSize">Samples per pass.</param>
    /// <param name="model">The classifier.</param>
    /// <param name="data">Source of inputs.</param>
    /// <param name="cancellationToken">Checked between passes.</param>
    /// <returns>The result.</returns>
    public static InferenceResult Measure(InferenceOptions options, int batchSize, nn.Module<Tensor, Tensor> model, IDataset data, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        options.Validate();
        var device = TorchDevices.Resolve(options.Device);
        int threads = TorchThreads.Apply(options.Threads);
        model.to(device.Device);
        model.eval();
        int passes = options.WarmupBatches + options.MeasuredBatches;
        var inputs = Inputs(data, batchSize, Math.Min(passes, InputPoolSize), device.Device);
        try
        {
            using var inference = inference_mode();
            var latencies = new List<TimeSpan>(options.MeasuredBatches);
            for (int pass = 0; pass < passes; pass++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                using var scope = NewDisposeScope();
                long start = Stopwatch.GetTimestamp();
                var logits = model.forward(inputs[pass % inputs.Count]);
                if (device.IsCuda)
                {
                    cuda.synchronize(device.Device);
                }
                else
                {
                    // CPU kernels run synchronously; touching the result keeps the timing honest all the same.
                    _ = logits.shape;
                }

                var elapsed = Stopwatch.GetElapsedTime(start);
                if (pass >= options.WarmupBatches)
                {
                    latencies.Add(elapsed);
                }
            }

            var sorted = latencies.Order().ToList();
            var total = TimeSpan.FromTicks(latencies.Sum(l => l.Ticks));
            return new InferenceResult(batchSize, device.Name, threads, latencies.Count, (long)latencies.Count * batchSize, total,
                Percentile(sorted, 0.50), Percentile(sorted, 0.95), total / latencies.Count);
        }
        finally
        {
            foreach (var input in inputs)
            {
                input.Dispose();
            }
        }
    }

    /// <summary>Nearest-rank percentile of ascending values.</summary>
    /// <param name="ascending">Sorted values, at least one.</param>
    /// <param name="fraction">0..1.</param>
    /// <returns>The value at rank ceil(fraction × n).</returns>
    public static TimeSpan Percentile(IReadOnlyList<TimeSpan> ascending, double fraction)
    {
        ArgumentNullException.ThrowIfNull(ascending);
        ArgumentOutOfRangeException.ThrowIfZero(ascending.Count);
        int rank = (int)Math.Ceiling(fraction * ascending.Count);
        return ascending[Math.Clamp(rank, 1, ascending.Count) - 1];
    }

    // Inputs are prepared (and moved to the device) before timing, taken from the held-out split.
    private static List<Tensor> Inputs(IDataset data, int batchSize, int passes, Device device)
    {
        var inputs = new List<Tensor>(passes);
        while (inputs.Count < passes)
        {
            int before = inputs.Count;
            foreach (var batch in data.TestBatches(batchSize, device))
            {
                using (batch)
                {
                    if (batch.Count == batchSize && inputs.Count < passes)
                    {
                        inputs.Add(batch.Inputs.clone().DetachFromDisposeScope());
                    }
                }
            }

            if (inputs.Count == before)
            {
                throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, $"batch size {batchSize} exceeds the {data.TestCount} held-out samples of {data.Name}.");
            }
        }

        return inputs;
    }
}
