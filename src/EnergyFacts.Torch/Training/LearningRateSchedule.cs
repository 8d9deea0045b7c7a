namespace EnergyFacts.Torch.Training;

/// <summary>The learning rate at each optimisation step for a <see cref="LearningRateScheduleKind"/>; pure arithmetic.</summary>
public sealed class LearningRateSchedule
{
    private const double OneCycleDivFactor = 25;
    private const double OneCycleFinalDivFactor = 1e4;
    private const double OneCycleDefaultWarmupShare = 0.3;

    private readonly LearningRateScheduleKind _kind;
    private readonly double _peak;
    private readonly long _totalSteps;
    private readonly long _warmupSteps;

    /// <summary>Creates a schedule.</summary>
    /// <param name="kind">Shape.</param>
    /// <param name="peakLearningRate">Peak learning rate.</param>
    /// <param name="totalSteps">Steps over the whole run.</param>
    /// <param name="warmupSteps">Warm-up steps (OneCycle uses 30 % of the run when 0).</param>
    public LearningRateSchedule(LearningRateScheduleKind kind, double peakLearningRate, long totalSteps, long warmupSteps)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(totalSteps);
        ArgumentOutOfRangeException.ThrowIfNegative(warmupSteps);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(warmupSteps, totalSteps);
        _kind = kind;
        _peak = peakLearningRate;
        _totalSteps = totalSteps;
        _warmupSteps = kind == LearningRateScheduleKind.OneCycle && warmupSteps == 0
            ? Math.Max(1, (long)Math.Round(OneCycleDefaultWarmupShare * totalSteps))
            : warmupSteps;
    }

    /// <summary>Learning rate for a 0-based step.</summary>
    /// <param name="step">Step index, 0 to totalSteps − 1.</param>
    /// <returns>The rate.</returns>
    public double At(long step)
    {
        step = Math.Clamp(step, 0, _totalSteps - 1);
        if (_kind == LearningRateScheduleKind.OneCycle)
        {
            double start = _peak / OneCycleDivFactor;
            double end = start / OneCycleFinalDivFactor;
            return step < _warmupSteps
                ? Cosine(start, _peak, (double)step / _warmupSteps)
                : Cosine(_peak, end, ProgressToEnd(step - _warmupSteps, _totalSteps - _warmupSteps));
        }

        if (step < _warmupSteps)
        {
            return _peak * (step + 1) / _warmupSteps;
        }

        return _kind == LearningRateScheduleKind.Cosine
            ? Cosine(_peak, 0, Progress(step - _warmupSteps, _totalSteps - _warmupSteps))
            : _peak;
    }

    // Position in [0, 1) of a step within a phase, as PyTorch's CosineAnnealingLR counts it: the last step keeps a small positive rate.
    private static double Progress(long stepInPhase, long phaseSteps) => (double)stepInPhase / phaseSteps;

    // Position in [0, 1] where the phase's last step reaches 1, as PyTorch's OneCycleLR ends exactly at its final rate.
    private static double ProgressToEnd(long stepInPhase, long phaseSteps) => phaseSteps <= 1 ? 1 : (double)stepInPhase / (phaseSteps - 1);

    private static double Cosine(double from, double to, double progress) => to + ((from - to) * 0.5 * (1 + Math.Cos(Math.PI * progress)));
}
