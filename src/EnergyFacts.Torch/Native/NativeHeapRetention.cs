using System.Runtime.InteropServices;

namespace EnergyFacts.Torch;

/// <summary>
/// Keeps glibc from handing libtorch's freed tensor memory back to the kernel after every batch, so the next batch
/// reuses it instead of faulting fresh pages in.
/// </summary>
/// <remarks>
/// libtorch's CPU allocator is plain <c>malloc</c>. In a .NET process glibc served LeNet's activation buffers with
/// fresh <c>mmap</c>s or trimmed them away, about 100,000 page faults per 2-epoch LeNet run against 38,000 in PyTorch
/// (bench/training-throughput), which made the first epoch 30–40 % slower than the second. Fixing both thresholds
/// (<c>M_MMAP_THRESHOLD</c> 256 MiB: larger blocks still get their own mapping; <c>M_TRIM_THRESHOLD</c> 1 GiB: at
/// most that much freed heap stays with the process) is what <c>GLIBC_TUNABLES</c> would do, applied once before
/// libtorch loads. Linux/glibc only; skipped when <c>GLIBC_TUNABLES</c> already sets a malloc tunable or
/// <c>ENERGYFACTS_NATIVE_HEAP=default</c> asks to leave glibc alone.
/// </remarks>
internal static partial class NativeHeapRetention
{
    /// <summary>Set to <c>default</c> to leave glibc's malloc thresholds as they are.</summary>
    public const string Variable = "ENERGYFACTS_NATIVE_HEAP";

    /// <summary>Blocks above this size still get their own mapping (and go back to the kernel when freed).</summary>
    public const int MmapThresholdBytes = 256 * 1024 * 1024;

    /// <summary>Freed heap kept by the process before glibc trims it.</summary>
    public const int TrimThresholdBytes = 1024 * 1024 * 1024;

    private const int MallocTrimThreshold = -1; // M_TRIM_THRESHOLD in <malloc.h>
    private const int MallocMmapThreshold = -3; // M_MMAP_THRESHOLD

    private static readonly Lazy<string?> Applied = new(ApplyOnce, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Applies the thresholds once; returns what was done, or <see langword="null"/> when nothing was.</summary>
    public static string? Apply() => Applied.Value;

    /// <summary>Whether the thresholds are set, given the environment's values.</summary>
    /// <param name="glibcTunables">The value of <c>GLIBC_TUNABLES</c>, or <see langword="null"/>.</param>
    /// <param name="choice">The value of <see cref="Variable"/>, or <see langword="null"/>.</param>
    /// <returns>Whether to set them.</returns>
    public static bool Wanted(string? glibcTunables, string? choice) =>
        !string.Equals(choice?.Trim(), "default", StringComparison.OrdinalIgnoreCase)
        && (glibcTunables is null || !glibcTunables.Contains("glibc.malloc.", StringComparison.Ordinal));

    private static string? ApplyOnce()
    {
        if (!OperatingSystem.IsLinux() || !Wanted(Environment.GetEnvironmentVariable("GLIBC_TUNABLES"), Environment.GetEnvironmentVariable(Variable)))
        {
            return null;
        }

        try
        {
            // mallopt returns 1 on success; musl has no mallopt (EntryPointNotFoundException) and keeps its own policy.
            bool set = MallocOption(MallocMmapThreshold, MmapThresholdBytes) == 1 & MallocOption(MallocTrimThreshold, TrimThresholdBytes) == 1;
            return set ? $"glibc malloc: mmap threshold {MmapThresholdBytes >> 20} MiB, trim threshold {TrimThresholdBytes >> 20} MiB ({Variable}=default leaves them)" : null;
        }
        catch (EntryPointNotFoundException)
        {
            return null;
        }
    }

    [LibraryImport("libc", EntryPoint = "mallopt")]
    private static partial int MallocOption(int parameter, int value);
}
