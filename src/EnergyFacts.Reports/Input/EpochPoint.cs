namespace EnergyFacts.Reports.Input;

/// <summary>One epoch of an experiment's <c>history</c> in <c>experiments.jsonl</c>.</summary>
/// <param name="Epoch">1-based epoch number.</param>
/// <param name="EvalTop1">Top-1 accuracy on the evaluation set, a fraction; <see langword="null"/> when not reported.</param>
/// <param name="TrainLoss">Mean training loss; <see langword="null"/> when not reported.</param>
/// <param name="EvalLoss">Evaluation loss; <see langword="null"/> when not reported.</param>
/// <param name="Samples">Training samples processed in the epoch.</param>
/// <param name="DurationSeconds">Wall-clock length of the epoch in seconds; <see langword="null"/> when not recorded.</param>
internal sealed record EpochPoint(int Epoch, double? EvalTop1, double? TrainLoss, double? EvalLoss, long Samples, double? DurationSeconds)
{
    /// <summary>The epoch's measured energy with PUE in joules (<c>energy_joules</c> of the history), when recorded.</summary>
    public double? EnergyJoules { get; init; }
}
