namespace EnergyFacts.Probes;

/// <summary>
/// Optional companion of <see cref="IPowerProbe"/>: utilisation and memory of the device the probe measures, for the
/// CodeCarbon columns <c>cpu_utilization_percent</c>, <c>gpu_utilization_percent</c> and <c>ram_used_gb</c>.
/// </summary>
/// <remarks>Called on the sampler thread, like the probe's reads; no allocation.</remarks>
public interface IUtilizationSource
{
    /// <summary>Reads the device's utilisation now (or over the interval since the previous call, for CPU time).</summary>
    /// <param name="utilization">The reading, when it succeeded.</param>
    /// <returns><see langword="false"/> when no valid reading could be taken.</returns>
    bool TryReadUtilization(out DeviceUtilization utilization);
}

/// <summary>One utilisation reading; a part the device does not report is <see langword="null"/>.</summary>
/// <param name="BusyPercent">Compute utilisation, 0–100 (GPU: NVML <c>utilization.gpu</c>; CPU: this process's share of all logical CPUs).</param>
/// <param name="MemoryUsedBytes">Memory in use (GPU: device memory used; RAM: this process's resident set).</param>
/// <param name="MemoryTotalBytes">Memory installed (GPU: device memory; RAM: <c>MemTotal</c>).</param>
public readonly record struct DeviceUtilization(double? BusyPercent, long? MemoryUsedBytes, long? MemoryTotalBytes);
