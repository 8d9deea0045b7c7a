namespace EnergyFacts.Torch.Training;

/// <summary>The outcome of a <see cref="TrainingRun"/>.</summary>
/// <param name="Device">Device used (<c>cpu</c>, <c>cuda:0</c>).</param>
/// <param name="Threads">Intra-op CPU threads in effect.</param>
/// <param name="Parameters">Trainable parameters of the model.</param>
/// <param name="Dataset">Dataset name.</param>
/// <param name="DatasetSource">Where the data came from.</param>
/// <param name="Options">The options the run used.</param>
/// <param name="Epochs">Per-epoch metrics, in order.</param>
/// <param name="BestCheckpoint">Path of <c>best.pt</c>, when checkpoints were asked for.</param>
/// <param name="LastCheckpoint">Path of <c>last.pt</c>, when checkpoints were asked for.</param>
public sealed record TrainingReport(
    string Device,
    int Threads,
    long Parameters,
    string Dataset,
    string DatasetSource,
    TrainingOptions Options,
    IReadOnlyList<EpochMetrics> Epochs,
    string? BestCheckpoint,
    string? LastCheckpoint)
{
    /// <summary>The last epoch's metrics.</summary>
    public EpochMetrics Final => Epochs[^1];

    /// <summary>Highest held-out top-1 over the epochs.</summary>
    public double BestTop1 => Epochs.Max(e => e.EvalTop1);

    /// <summary>Training samples processed over all epochs.</summary>
    public long TrainSamples => Epochs.Sum(e => e.TrainSamples);

    /// <summary>Training wall time over all epochs (evaluation excluded).</summary>
    public TimeSpan TrainTime => TimeSpan.FromTicks(Epochs.Sum(e => e.TrainTime.Ticks));

    /// <summary>Training throughput over all epochs.</summary>
    public double TrainSamplesPerSecond => TrainTime > TimeSpan.Zero ? TrainSamples / TrainTime.TotalSeconds : 0;
}
