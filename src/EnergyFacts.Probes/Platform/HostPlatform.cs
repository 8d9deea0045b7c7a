namespace EnergyFacts.Probes.Platform;

/// <summary>The operating systems the probes distinguish.</summary>
internal enum HostOperatingSystem
{
    /// <summary>Linux: powercap RAPL, NVML, /proc.</summary>
    Linux,

    /// <summary>Windows: NVML only among the counters (Windows EMI is not implemented).</summary>
    Windows,

    /// <summary>macOS: no counter implemented (powermetrics needs root and is not implemented).</summary>
    MacOS,

    /// <summary>Anything else (FreeBSD …): estimators only.</summary>
    Other,
}

/// <summary>Which operating system this is, and what each probe can do on it, in words for unavailable reasons.</summary>
internal static class HostPlatform
{
    /// <summary>The operating system of this process.</summary>
    public static HostOperatingSystem Current { get; } =
        OperatingSystem.IsLinux() ? HostOperatingSystem.Linux
        : OperatingSystem.IsWindows() ? HostOperatingSystem.Windows
        : OperatingSystem.IsMacOS() ? HostOperatingSystem.MacOS
        : HostOperatingSystem.Other;

    /// <summary>A display name, e.g. "macOS".</summary>
    public static string DisplayName(HostOperatingSystem os) => os switch
    {
        HostOperatingSystem.Linux => "Linux",
        HostOperatingSystem.Windows => "Windows",
        HostOperatingSystem.MacOS => "macOS",
        _ => "this operating system",
    };

    /// <summary>
    /// Why RAPL is not read on <paramref name="os"/> (null on Linux, where it is supported).
    /// </summary>
    public static string? RaplUnsupportedReason(HostOperatingSystem os) => os switch
    {
        HostOperatingSystem.Linux => null,
        HostOperatingSystem.Windows =>
            "RAPL is read through Linux powercap; on Windows it needs the Energy Meter Interface (EMI) or an MSR driver, " +
            "which EnergyFacts does not implement: Windows is not supported by 'rapl'. Use 'cpu-model' (estimated).",
        HostOperatingSystem.MacOS =>
            "RAPL is read through Linux powercap; macOS exposes CPU power only through 'sudo powermetrics', which EnergyFacts " +
            "does not implement: macOS is not supported by 'rapl'. Use 'cpu-model' (estimated).",
        _ => $"RAPL is read through Linux powercap; {DisplayName(os)} is not supported by 'rapl'. Use 'cpu-model' (estimated).",
    };

    /// <summary>Why NVML is not tried on <paramref name="os"/> (null on Linux and Windows, where it is).</summary>
    public static string? NvmlUnsupportedReason(HostOperatingSystem os) => os switch
    {
        HostOperatingSystem.Linux or HostOperatingSystem.Windows => null,
        HostOperatingSystem.MacOS => "NVIDIA's NVML does not exist on macOS (no NVIDIA driver since macOS 10.14): macOS is not supported by 'nvml'.",
        _ => $"NVML is loaded on Linux and Windows only; {DisplayName(os)} is not supported by 'nvml'.",
    };

    /// <summary>
    /// One line per probe family saying what works here, for a run header or a diagnostics command.
    /// </summary>
    public static IReadOnlyList<string> Report(HostOperatingSystem os) =>
    [
        $"platform: {DisplayName(os)}",
        "rapl: " + (RaplUnsupportedReason(os) ?? "supported (Linux powercap)"),
        "nvml: " + (NvmlUnsupportedReason(os) ?? "supported when the NVIDIA driver library is present"),
        "cpu-model: " + (os is HostOperatingSystem.Linux
            ? "supported (/proc/cpuinfo, clock_gettime(CLOCK_PROCESS_CPUTIME_ID))"
            : "supported with a coarser CPU-time source (Process.TotalProcessorTime)"),
        "ram-model: " + (os is HostOperatingSystem.Linux
            ? "supported (/proc/meminfo, /proc/self/statm)"
            : "supported with Environment.WorkingSet"),
    ];
}
