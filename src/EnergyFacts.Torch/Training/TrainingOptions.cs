namespace EnergyFacts.Torch.Training;

/// <summary>Optimiser used by <see cref="TrainingRun"/>.</summary>
public enum OptimizerKind
{
    /// <summary>SGD with <see cref="TrainingOptions.Momentum"/> and optional Nesterov momentum.</summary>
    Sgd,

    /// <summary>AdamW (decoupled weight decay).</summary>
    AdamW,
}

/// <summary>Learning-rate schedule, applied per optimisation step.</summary>
public enum LearningRateScheduleKind
{
    /// <summary>Constant after the optional linear warm-up.</summary>
    Constant,

    /// <summary>Linear warm-up, then cosine decay toward zero (PyTorch's CosineAnnealingLR over the remaining steps).</summary>
    Cosine,

    /// <summary>One-cycle: cosine rise from lr/25 to lr over the warm-up (30 % of steps when none is set), then cosine decay to lr/25/10⁴.</summary>
    OneCycle,
}

/// <summary>How <see cref="TrainingRun"/> trains. Immutable; use <c>with</c> to derive variants.</summary>
public sealed record TrainingOptions
{
    /// <summary>Epochs to train.</summary>
    public int Epochs { get; init; } = 1;

    /// <summary>Training mini-batch size.</summary>
    public int BatchSize { get; init; } = 64;

    /// <summary>Evaluation batch size (no gradients, so it can be larger).</summary>
    public int EvalBatchSize { get; init; } = 256;

    /// <summary><c>auto</c>, <c>cpu</c>, <c>cuda</c> or <c>cuda:N</c> (see <see cref="TorchDevices"/>).</summary>
    public string Device { get; init; } = TorchDevices.Auto;

    /// <summary>Seed for torch's generators and the batch order.</summary>
    public long Seed { get; init; }

    /// <summary>Optimiser.</summary>
    public OptimizerKind Optimizer { get; init; } = OptimizerKind.AdamW;

    /// <summary>Peak learning rate.</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>SGD momentum.</summary>
    public double Momentum { get; init; } = 0.9;

    /// <summary>SGD: use Nesterov momentum.</summary>
    public bool Nesterov { get; init; } = true;

    /// <summary>Weight decay (decoupled for AdamW, L2 for SGD).</summary>
    public double WeightDecay { get; init; }

    /// <summary>Schedule over all steps of all epochs.</summary>
    public LearningRateScheduleKind Schedule { get; init; } = LearningRateScheduleKind.Cosine;

    /// <summary>Warm-up length in epochs (fractions allowed); 0 for none.</summary>
    public double WarmupEpochs { get; init; }

    /// <summary>Cross-entropy label smoothing, 0..1.</summary>
    public double LabelSmoothing { get; init; }

    /// <summary>Intra-op CPU threads; <see langword="null"/> lets <see cref="TorchThreads.Choose"/> decide (ENERGYFACTS_INTRA_OP_THREADS, else the measured rule).</summary>
    public int? Threads { get; init; }

    /// <summary>Directory for <c>best.pt</c> (highest held-out top-1) and <c>last.pt</c>; <see langword="null"/> saves nothing.</summary>
    public string? CheckpointDirectory { get; init; }

    /// <summary>Caps training batches per epoch (smoke runs); <see langword="null"/> uses the whole split.</summary>
    public int? MaxTrainBatchesPerEpoch { get; init; }

    /// <summary>Checks the values, naming the first bad one.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of its allowed range.</exception>
    public void Validate()
    {
        Check(Epochs >= 1, nameof(Epochs), Epochs, "at least 1");
        Check(BatchSize >= 1, nameof(BatchSize), BatchSize, "at least 1");
        Check(EvalBatchSize >= 1, nameof(EvalBatchSize), EvalBatchSize, "at least 1");
        Check(LearningRate > 0 && double.IsFinite(LearningRate), nameof(LearningRate), LearningRate, "a positive finite number");
        Check(Momentum is >= 0 and < 1, nameof(Momentum), Momentum, "within [0, 1)");
        Check(!Nesterov || Optimizer != OptimizerKind.Sgd || Momentum > 0, nameof(Momentum), Momentum, "above 0 when Nesterov is on");
        Check(WeightDecay >= 0, nameof(WeightDecay), WeightDecay, "0 or more");
        Check(WarmupEpochs >= 0 && WarmupEpochs <= Epochs, nameof(WarmupEpochs), WarmupEpochs, $"within [0, {Epochs}] (Epochs)");
        Check(LabelSmoothing is >= 0 and < 1, nameof(LabelSmoothing), LabelSmoothing, "within [0, 1)");
        Check(Threads is null or >= 1, nameof(Threads), Threads ?? 0, "at least 1, or null for the recommended count");
        Check(MaxTrainBatchesPerEpoch is null or >= 1, nameof(MaxTrainBatchesPerEpoch), MaxTrainBatchesPerEpoch ?? 0, "at least 1, or null");
    }

    private static void Check(bool ok, string name, object value, string allowed)
    {
        if (!ok)
        {
            throw new ArgumentOutOfRangeException(name, value, $"TrainingOptions.{name} = {Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)}; it must be {allowed}.");
        }
    }
}
