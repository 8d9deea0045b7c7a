namespace EnergyFacts.Probes;

/// <summary>Where an energy figure comes from. Every figure EnergyFacts reports carries one.</summary>
public enum EnergySource
{
    /// <summary>Read from a hardware counter or sensor (RAPL, NVML).</summary>
    Measured,

    /// <summary>Computed from a model (TDP × CPU time, watts per DIMM, a constant); not a measurement.</summary>
    Estimated,

    /// <summary>Played back from a recorded trace; used by tests and for re-analysis.</summary>
    Replayed,

    /// <summary>Taken from another tool's results (e.g. a CodeCarbon emissions.csv) by <c>energyfacts import</c>; how it was measured is that tool's.</summary>
    Imported,
}
