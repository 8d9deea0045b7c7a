using EnergyFacts.Measurement;
using EnergyFacts.Probes;
using EnergyFacts.Probes.Idle;

namespace EnergyFacts.Accounting;

/// <summary>One component's idle power and the trial's energy above it (hardware level, PUE not applied).</summary>
/// <param name="Component">CPU, GPU or RAM.</param>
/// <param name="IdlePower">Power the idle baseline measured for the component.</param>
/// <param name="Energy">Total energy minus idle power × duration; negative values are kept, not hidden, since they say the baseline was higher than the trial.</param>
internal sealed record ComponentAboveIdle(PowerComponent Component, Watts IdlePower, Joules Energy);

/// <summary>A trial's energy above the run's idle baseline, per component and in total (PUE not applied).</summary>
/// <param name="Components">Per component, in the measurement's order.</param>
internal sealed record AboveIdleEnergy(IReadOnlyList<ComponentAboveIdle> Components)
{
    /// <summary>Sum over the components.</summary>
    public Joules Total => Components.Aggregate(Joules.Zero, (sum, c) => sum + c.Energy);

    /// <summary>Subtracts <paramref name="idle"/>'s power × duration from each component of <paramref name="measurement"/>.</summary>
    public static AboveIdleEnergy Of(IdleBaseline idle, EnergyMeasurement measurement)
    {
        ArgumentNullException.ThrowIfNull(idle);
        ArgumentNullException.ThrowIfNull(measurement);
        return new AboveIdleEnergy([.. measurement.Components.Select(c => new ComponentAboveIdle(
            c.Component,
            idle.PowerOf(c.Component),
            idle.DynamicEnergy(c.Component, c.Energy, measurement.Duration)))]);
    }
}
