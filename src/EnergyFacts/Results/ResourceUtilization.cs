namespace EnergyFacts.Results;

/// <summary>Mean utilisation over a trial, when the harness sampled it (CodeCarbon's utilisation columns); unknown values stay empty.</summary>
/// <param name="CpuPercent">Mean CPU utilisation of the machine, 0–100.</param>
/// <param name="GpuPercent">Mean GPU utilisation, 0–100.</param>
/// <param name="RamPercent">Mean share of RAM in use, 0–100.</param>
/// <param name="RamUsedGigabytes">Mean RAM in use in GB (bytes / 2^30).</param>
internal sealed record ResourceUtilization(double? CpuPercent, double? GpuPercent, double? RamPercent, double? RamUsedGigabytes);
