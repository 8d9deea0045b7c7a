namespace EnergyFacts.Results;

/// <summary>What the experiment reported for one epoch; the last epoch's values fill the experiment columns.</summary>
/// <param name="Epoch">1-based epoch number.</param>
/// <param name="TrainLoss">Mean training loss, if reported.</param>
/// <param name="EvalLoss">Evaluation loss, if reported.</param>
/// <param name="EvalTop1">Top-1 accuracy on the evaluation set as a fraction (0–1), if reported.</param>
/// <param name="EvalTop5">Top-5 accuracy on the evaluation set as a fraction (0–1), if reported.</param>
/// <param name="LearningRate">Learning rate used in the epoch, if reported.</param>
/// <param name="Samples">Training samples processed in the epoch.</param>
/// <param name="Duration">Wall-clock time of the epoch.</param>
public sealed record EpochRecord(
    int Epoch,
    double? TrainLoss,
    double? EvalLoss,
    double? EvalTop1,
    double? EvalTop5,
    double? LearningRate,
    long Samples,
    TimeSpan Duration)
{
    /// <summary>
    /// Energy the epoch used, PUE included, measured by the trial's probes (the cumulative energy at its
    /// <c>ReportEpoch</c> minus the one before); <see langword="null"/> when it was not measured (e.g. a history read
    /// from an older file). <c>energy_joules</c> in the <c>history</c> of <c>experiments.jsonl</c>.
    /// </summary>
    public Joules? Energy { get; init; }

    /// <summary>The reported metrics' values when the epoch was reported (a per-epoch performance curve for metric:NAME).</summary>
    internal IReadOnlyList<ReportedMetric> Metrics { get; init; } = [];
}
