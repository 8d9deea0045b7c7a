namespace EnergyFacts.Metrics;

/// <summary>The checkpoint whose APC (or APEC) is closest to a target, and how far from it (see <see cref="TimeToClosestApc"/>).</summary>
/// <param name="Index">0-based index of the checkpoint in the history.</param>
/// <param name="Checkpoint">The checkpoint.</param>
/// <param name="Score">Its APC or APEC.</param>
/// <param name="Target">The target τ.</param>
internal sealed record ClosestApcPoint(int Index, TrainingCheckpoint Checkpoint, ApcScore Score, double Target)
{
    /// <summary>TTCAPC / TTCAPEC: the training time to that checkpoint.</summary>
    public TimeSpan TimeToClosest => Checkpoint.Elapsed;

    /// <summary>|APC − τ|.</summary>
    public double Distance => Math.Abs(Score.Value - Target);

    /// <summary>True when the checkpoint's score reaches the target (APC ≥ τ).</summary>
    public bool ReachesTarget => Score.Value >= Target;
}
