using System.Globalization;
using System.Reflection;
using System.Runtime.InteropServices;

using EnergyFacts.Probes.Platform;

namespace EnergyFacts.Results;

/// <summary>
/// The machine and runtime a trial ran on, for CodeCarbon's host columns. Two columns keep CodeCarbon's Python-era
/// names but hold .NET facts: <c>python_version</c> holds the runtime (<see cref="RuntimeVersion"/>, e.g.
/// <c>.NET 10.0.2</c>) and <c>codecarbon_version</c> holds <see cref="HarnessVersion"/> (<c>energyfacts-0.1.0</c>).
/// </summary>
internal sealed record HostInfo
{
    /// <summary>Operating system, like Python's <c>platform.platform()</c> on Linux (e.g. <c>Linux-6.1.0-18-amd64-x86_64-with-debian12</c>).</summary>
    public required string Os { get; init; }

    /// <summary>The .NET runtime, e.g. <c>.NET 10.0.2</c> (written to <c>python_version</c>).</summary>
    public required string RuntimeVersion { get; init; }

    /// <summary><c>energyfacts-</c> plus the EnergyFacts version (written to <c>codecarbon_version</c>).</summary>
    public required string HarnessVersion { get; init; }

    /// <summary>Logical processors.</summary>
    public required int CpuCount { get; init; }

    /// <summary>CPU model name (Linux: <c>/proc/cpuinfo</c> <c>model name</c>).</summary>
    public required string CpuModel { get; init; }

    /// <summary>Total RAM in GB as CodeCarbon computes it (bytes / 2^30).</summary>
    public required double RamTotalSizeGigabytes { get; init; }

    /// <summary>GPUs the probes measured; 0 when none.</summary>
    public int GpuCount { get; init; }

    /// <summary>GPU model(s) the probes measured; empty when none.</summary>
    public string GpuModel { get; init; } = string.Empty;

    /// <summary>
    /// CodeCarbon's tracking mode. Always <c>process</c>: estimated CPU power is derived from this process's CPU time,
    /// while measured counters (RAPL, NVML) are machine-wide and include everything else running.
    /// </summary>
    public string TrackingMode { get; init; } = "process";

    /// <summary><c>Y</c> on a cloud VM (a region given with <c>--energy-cloud</c>), <c>N</c> otherwise; EnergyFacts does not detect clouds.</summary>
    public string OnCloud { get; init; } = "N";

    /// <summary>Sub-national region (CodeCarbon's <c>region</c>: state or province): <c>--energy-region</c>, else the cloud region's state or city, else empty.</summary>
    public string Region { get; init; } = string.Empty;

    /// <summary>Cloud provider, empty off-cloud.</summary>
    public string CloudProvider { get; init; } = string.Empty;

    /// <summary>Cloud region, empty off-cloud.</summary>
    public string CloudRegion { get; init; } = string.Empty;

    /// <summary>Longitude, unknown (EnergyFacts never geolocates).</summary>
    public double? Longitude { get; init; }

    /// <summary>Latitude, unknown (EnergyFacts never geolocates).</summary>
    public double? Latitude { get; init; }

    /// <summary>Reads the host's details once (Linux <c>/proc</c> when present, otherwise .NET's runtime information).</summary>
    /// <param name="gpuCount">GPUs the probes found.</param>
    /// <param name="gpuModel">Their model name(s).</param>
    public static HostInfo Capture(int gpuCount = 0, string gpuModel = "")
    {
        ArgumentOutOfRangeException.ThrowIfNegative(gpuCount);
        return new HostInfo
        {
            Os = OperatingSystemInventory.Detect().Description,
            RuntimeVersion = RuntimeInformation.FrameworkDescription,
            HarnessVersion = "energyfacts-" + HarnessAssemblyVersion(),
            CpuCount = Environment.ProcessorCount,
            CpuModel = CpuInventory.Detect().ModelName ?? RuntimeInformation.ProcessArchitecture.ToString(),
            RamTotalSizeGigabytes = MemoryInventory.Detect().TotalGibibytes,
            GpuCount = gpuCount,
            GpuModel = gpuModel ?? string.Empty,
        };
    }

    /// <summary>This host on <paramref name="region"/> (<c>on_cloud</c> = Y, provider and region filled); unchanged for <see langword="null"/>.</summary>
    public HostInfo WithCloudRegion(Accounting.CloudRegion? region) =>
        region is null ? this : this with { OnCloud = "Y", CloudProvider = region.Provider, CloudRegion = region.Region, Region = region.SubNationalRegion };

    /// <summary>This host with <paramref name="region"/> in the <c>region</c> column (the <c>--energy-region</c> setting); unchanged for <see langword="null"/>.</summary>
    public HostInfo WithRegion(string? region) => string.IsNullOrWhiteSpace(region) ? this : this with { Region = region };

    /// <summary><c>ID</c> + <c>VERSION_ID</c> from <c>/etc/os-release</c> text, e.g. <c>debian12</c>.</summary>
    internal static string? ParseDistribution(string osRelease) => OperatingSystemInventory.ParseDistribution(osRelease);

    private static string HarnessAssemblyVersion()
    {
        var assembly = typeof(HostInfo).Assembly;
        var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        if (!string.IsNullOrEmpty(informational))
        {
            // Drop the "+<commit>" build metadata: the column identifies the release, not the build.
            var plus = informational.IndexOf('+', StringComparison.Ordinal);
            return plus < 0 ? informational : informational[..plus];
        }

        return assembly.GetName().Version?.ToString(3) ?? "unknown";
    }
}
