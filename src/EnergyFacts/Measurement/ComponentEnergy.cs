using EnergyFacts.Probes;
using EnergyFacts.Probes.Integration;

namespace EnergyFacts.Measurement;

/// <summary>The energy one component used during a measured window, with where the number came from.</summary>
/// <param name="Component">The component.</param>
/// <param name="Energy">Energy over the window.</param>
/// <param name="MeanPower">Energy divided by the window's duration.</param>
/// <param name="Source">Measured, estimated or replayed; <see langword="null"/> when no probe covered the component (energy is then zero).</param>
/// <param name="ProbeIds">The probes that contributed (several for multi-GPU or multi-socket machines).</param>
/// <param name="Faults">Readings dropped because a probe failed, returned NaN or went backwards.</param>
internal sealed record ComponentEnergy(
    PowerComponent Component,
    Joules Energy,
    Watts MeanPower,
    EnergySource? Source,
    IReadOnlyList<string> ProbeIds,
    int Faults)
{
    /// <summary>The dropped readings by why they were dropped (kinds with none are absent); they add up to <see cref="Faults"/>.</summary>
    public IReadOnlyDictionary<ProbeFault, int> FaultsByKind { get; init; } = new Dictionary<ProbeFault, int>();

    /// <summary>
    /// How much of the window no accepted reading covers: the estimate of what a partial figure missed. Over it a
    /// sensor's power was interpolated, or is missing after its last good reading; a counter's energy is missing.
    /// With several probes on the component, the largest of theirs.
    /// </summary>
    public TimeSpan UncoveredTime { get; init; }

    /// <summary>True when readings were dropped, so <see cref="Energy"/> may be low.</summary>
    public bool Partial => Faults > 0;
}
