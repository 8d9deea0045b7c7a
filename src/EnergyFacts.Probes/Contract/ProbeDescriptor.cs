namespace EnergyFacts.Probes;

/// <summary>What a probe is: identity, component, source and a one-line explanation. Data, not behaviour.</summary>
/// <param name="Id">Stable identifier as it appears in results, e.g. <c>rapl:package-0</c>, <c>nvml:0</c>, <c>cpu-model</c>.</param>
/// <param name="Component">The component whose power the probe reports.</param>
/// <param name="Source">Whether the readings are measured, estimated or replayed.</param>
/// <param name="Legend">How the number is obtained, in one sentence (e.g. "TDP 240 W from cpu_power.csv × process CPU share").</param>
public sealed record ProbeDescriptor(string Id, PowerComponent Component, EnergySource Source, string Legend)
{
    /// <summary>Name of the device measured (CPU model, GPU name), when the probe knows it.</summary>
    public string? DeviceName { get; init; }

    /// <summary>
    /// How often the underlying counter or sensor updates, when known (RAPL about 1 ms, NVML's energy counter assumed
    /// 100 ms). A measurement window shorter than this can read zero; the sampler should warn.
    /// </summary>
    public TimeSpan? MinimumUpdatePeriod { get; init; }
}
