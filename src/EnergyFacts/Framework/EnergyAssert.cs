using System.Globalization;

namespace EnergyFacts;

/// <summary>Assertions on energy inside an experiment; a failure is an assertion failure, like a budget.</summary>
public static class EnergyAssert
{
    /// <summary>Fails unless the closed <paramref name="phase"/> used at most <paramref name="maxJoules"/>, PUE included (<see cref="EnergyPhase.EnergyWithPue"/>).</summary>
    /// <exception cref="EnergyBudgetExceededException">The phase used more.</exception>
    public static void AtMost(EnergyPhase phase, Joules maxJoules)
    {
        ArgumentNullException.ThrowIfNull(phase);
        if (!double.IsFinite(maxJoules.Value) || maxJoules.Value < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(maxJoules), maxJoules, "An energy limit is a finite number of joules ≥ 0.");
        }

        var used = phase.EnergyWithPue;
        if (used > maxJoules)
        {
            throw new EnergyBudgetExceededException(string.Create(
                CultureInfo.InvariantCulture,
                $"Phase '{phase.Name}' used {used.Value:G6} J, more than its limit of {maxJoules.Value:G6} J, PUE {phase.Pue} included (over {phase.Duration.TotalSeconds:F3} s; measured by: {phase.MeasuredBy})."));
        }
    }
}
