namespace EnergyFacts.Torch.Inference;

/// <summary>How <see cref="InferenceRun"/> measures. Immutable; use <c>with</c> to derive variants.</summary>
public sealed record InferenceOptions
{
    /// <summary>Batch sizes to measure, each giving one <see cref="InferenceResult"/>.</summary>
    public IReadOnlyList<int> BatchSizes { get; init; } = [1, 8, 32, 64];

    /// <summary>Un-timed batches before measuring each batch size (allocator and kernel warm-up).</summary>
    public int WarmupBatches { get; init; } = 3;

    /// <summary>Timed batches per batch size.</summary>
    public int MeasuredBatches { get; init; } = 30;

    /// <summary><c>auto</c>, <c>cpu</c>, <c>cuda</c> or <c>cuda:N</c>.</summary>
    public string Device { get; init; } = TorchDevices.Auto;

    /// <summary>Intra-op CPU threads; <see langword="null"/> lets <see cref="Training.TorchThreads.Choose"/> decide (ENERGYFACTS_INTRA_OP_THREADS, else the measured rule).</summary>
    public int? Threads { get; init; }

    /// <summary>Checks the values, naming the first bad one.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of its allowed range.</exception>
    public void Validate()
    {
        if (BatchSizes.Count == 0 || BatchSizes.Any(b => b < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(BatchSizes), string.Join(",", BatchSizes), "InferenceOptions.BatchSizes must hold at least one size, each at least 1.");
        }

        if (WarmupBatches < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(WarmupBatches), WarmupBatches, "InferenceOptions.WarmupBatches must be 0 or more.");
        }

        if (MeasuredBatches < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MeasuredBatches), MeasuredBatches, "InferenceOptions.MeasuredBatches must be at least 1.");
        }

        if (Threads is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Threads), Threads, "InferenceOptions.Threads must be at least 1, or null.");
        }
    }
}
