namespace EnergyFacts.Metrics;

/// <summary>
/// TTCAPC and TTCAPEC, the training counterparts of APC and APEC named by Jurj et al. (arXiv:2002.11770; the
/// author's page calls them the energy-aware analogue of MLPerf's Time-To-Accuracy). The paper's exact wording is not
/// reproduced here, so the definition is <b>EnergyFacts' own</b>:
/// <list type="bullet">
/// <item>at each checkpoint k, <c>APC_k = APC_α,β(E_k, a_k)</c> with <c>E_k</c> the <b>cumulative</b> training energy
/// up to and including k, counted in the caller's unit (basis <c>run</c>), and <c>a_k</c> the validation accuracy;</item>
/// <item>"closest" is <c>k* = argmin_k |APC_k − τ|</c> over every checkpoint, from above or below, no tolerance;
/// ties go to the <b>earliest</b> checkpoint (the one reached first);</item>
/// <item>TTCAPC(τ) = elapsed training time at k*; TTCAPEC the same with APEC at a given price.</item>
/// </list>
/// Because APC ≤ accuracy, a run may never reach τ; <see cref="ClosestApcPoint.ReachesTarget"/> says whether it did.
/// </summary>
internal static class TimeToClosestApc
{
    /// <summary>The basis recorded with the cumulative energy.</summary>
    public const string Basis = "run";

    /// <summary>TTCAPC: the checkpoint whose APC is closest to <paramref name="target"/>.</summary>
    /// <param name="history">Checkpoints in training order: elapsed time and cumulative energy never decrease.</param>
    /// <param name="target">τ ∈ [0, 1].</param>
    /// <param name="energyUnit">Unit the cumulative energy is counted in for APC (Jurj et al. use Wh).</param>
    /// <param name="weights">α and β; <see langword="null"/> for the published defaults.</param>
    /// <exception cref="ArgumentException">An empty or out-of-order history, or τ outside [0, 1].</exception>
    public static ClosestApcPoint Ttcapc(IReadOnlyList<TrainingCheckpoint> history, double target, EnergyUnit energyUnit, ApcWeights? weights = null) =>
        Closest(history, target, c => AccuracyPerConsumption.Apc(Consumption.Of(c.CumulativeEnergy, energyUnit, Basis), c.Accuracy, weights));

    /// <summary>TTCAPEC: the checkpoint whose APEC at <paramref name="price"/> is closest to <paramref name="target"/>.</summary>
    /// <param name="history">Checkpoints in training order.</param>
    /// <param name="target">τ ∈ [0, 1].</param>
    /// <param name="price">Electricity price per kWh.</param>
    /// <param name="weights">α and β; <see langword="null"/> for the published defaults.</param>
    /// <exception cref="ArgumentException">An empty or out-of-order history, or τ outside [0, 1].</exception>
    public static ClosestApcPoint Ttcapec(IReadOnlyList<TrainingCheckpoint> history, double target, PricePerKilowattHour price, ApcWeights? weights = null)
    {
        ArgumentNullException.ThrowIfNull(price);
        return Closest(history, target, c => AccuracyPerConsumption.Apec(Consumption.Of(c.CumulativeEnergy, EnergyUnit.KilowattHour, Basis), c.Accuracy, price, weights));
    }

    private static ClosestApcPoint Closest(IReadOnlyList<TrainingCheckpoint> history, double target, Func<TrainingCheckpoint, ApcScore> score)
    {
        ArgumentNullException.ThrowIfNull(history);
        MetricArguments.Fraction(target, nameof(target), "The target τ");
        if (history.Count == 0)
        {
            throw new ArgumentException("The training history is empty; TTCAPC needs at least one checkpoint (epoch).", nameof(history));
        }

        ClosestApcPoint? best = null;
        for (var k = 0; k < history.Count; k++)
        {
            var checkpoint = history[k] ?? throw new ArgumentException($"Checkpoint {k} of the training history is null.", nameof(history));
            if (k > 0 && (checkpoint.Elapsed < history[k - 1].Elapsed || checkpoint.CumulativeEnergy < history[k - 1].CumulativeEnergy))
            {
                throw new ArgumentException(
                    $"Checkpoint {k} (epoch {checkpoint.Epoch}) has less elapsed time or cumulative energy than the one before it; " +
                    "the history must be in training order with cumulative (never decreasing) time and energy.",
                    nameof(history));
            }

            var candidate = new ClosestApcPoint(k, checkpoint, score(checkpoint), target);
            // Strictly closer only: on a tie the earlier checkpoint stays.
            if (best is null || candidate.Distance < best.Distance)
            {
                best = candidate;
            }
        }

        return best!;
    }
}
