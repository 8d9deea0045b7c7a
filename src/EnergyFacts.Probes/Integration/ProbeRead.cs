namespace EnergyFacts.Probes.Integration;

/// <summary>What one read of a probe returned, before it is judged: a raw number, or why there is none.</summary>
/// <param name="Failure">Why the read gave no number (<see cref="ProbeFault.ReadFailed"/> or <see cref="ProbeFault.Threw"/>); <see langword="null"/> when it did.</param>
/// <param name="Value">Watts for a sensor, joules since the start for a counter; meaningless when <paramref name="Failure"/> is set.</param>
internal readonly record struct ProbeRead(ProbeFault? Failure, double Value);
