using System.Runtime.InteropServices;

namespace EnergyFacts.Torch;

/// <summary>
/// Works around libtorch 2.10's oneDNN AVX-512 convolution kernels returning NaN intermittently (forward and backward)
/// on AMD CPUs with AVX-512, as observed on the project's AMD EPYC VMs: caps oneDNN at AVX2 before libtorch loads.
/// </summary>
/// <remarks>
/// Applied only on Linux, only on AMD CPUs that report <c>avx512f</c>, and only when <c>ONEDNN_MAX_CPU_ISA</c> is unset
/// (an explicit value always wins; set <c>ONEDNN_MAX_CPU_ISA=ALL</c> to opt out). The variable must be in the native
/// environment, which <see cref="Environment.SetEnvironmentVariable(string, string)"/> does not change on Unix, so libc's
/// <c>setenv</c> is called directly.
/// </remarks>
public static partial class OneDnnIsaLimit
{
    /// <summary>The variable oneDNN reads once, when its first primitive is created.</summary>
    public const string Variable = "ONEDNN_MAX_CPU_ISA";

    private static readonly Lazy<string?> Applied = new(ApplyOnce, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Applies the cap if this machine needs it; returns a note saying what was done, or <see langword="null"/>.</summary>
    public static string? Apply() => Applied.Value;

    /// <summary>Whether a CPU described by <paramref name="cpuinfo"/> (the text of /proc/cpuinfo) gets the cap.</summary>
    public static bool Needed(string cpuinfo)
    {
        ArgumentNullException.ThrowIfNull(cpuinfo);
        var amd = cpuinfo.Contains("AuthenticAMD", StringComparison.Ordinal);
        var avx512 = cpuinfo.Split('\n').Any(line =>
            line.StartsWith("flags", StringComparison.Ordinal) && line.Split(' ', '\t').Contains("avx512f", StringComparer.Ordinal));
        return amd && avx512;
    }

    private static string? ApplyOnce()
    {
        if (!OperatingSystem.IsLinux() || Environment.GetEnvironmentVariable(Variable) is not null)
        {
            return null;
        }

        string cpuinfo;
        try
        {
            cpuinfo = File.ReadAllText("/proc/cpuinfo");
        }
        catch (IOException)
        {
            return null;
        }

        if (!Needed(cpuinfo) || SetEnvironment(Variable, "AVX2", overwrite: 0) != 0)
        {
            return null;
        }

        return $"{Variable}=AVX2 set: oneDNN's AVX-512 convolutions return NaN intermittently on AMD AVX-512 CPUs with libtorch 2.10 (set {Variable}=ALL to opt out).";
    }

    [LibraryImport("libc", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int SetEnvironment(string name, string value, int overwrite);
}
