using System.Diagnostics;
using System.Runtime.InteropServices;

namespace EnergyFacts.Probes.Estimators;

/// <summary>Cumulative CPU time (user + system, all threads) of this process.</summary>
internal interface IProcessCpuTime
{
    /// <summary>Where the figure comes from, for legends.</summary>
    string Origin { get; }

    /// <summary>Reads the process's CPU seconds so far; false when the read failed.</summary>
    bool TryReadSeconds(out double cpuSeconds);
}

/// <summary>
/// <c>clock_gettime(CLOCK_PROCESS_CPUTIME_ID)</c>: nanosecond resolution and no allocation, unlike
/// <see cref="Process.TotalProcessorTime"/> which builds a Process object and parses /proc/self/stat each call.
/// </summary>
internal sealed partial class LinuxProcessCpuTime : IProcessCpuTime
{
    private const int ClockProcessCpuTimeId = 2;

    public string Origin => "clock_gettime(CLOCK_PROCESS_CPUTIME_ID)";

    public bool TryReadSeconds(out double cpuSeconds)
    {
        if (clock_gettime(ClockProcessCpuTimeId, out var ts) != 0)
        {
            cpuSeconds = 0;
            return false;
        }

        cpuSeconds = ts.Seconds + (ts.Nanoseconds / 1e9);
        return true;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec
    {
        public nint Seconds;
        public nint Nanoseconds;
    }

    [LibraryImport("libc", SetLastError = false)]
    private static partial int clock_gettime(int clockId, out Timespec time);
}

/// <summary>Portable fallback (Windows, macOS): the current Process object's total processor time.</summary>
internal sealed class PortableProcessCpuTime : IProcessCpuTime, IDisposable
{
    private readonly Process process = Process.GetCurrentProcess();

    public string Origin => "Process.TotalProcessorTime";

    public bool TryReadSeconds(out double cpuSeconds)
    {
        try
        {
            process.Refresh();
            cpuSeconds = process.TotalProcessorTime.TotalSeconds;
            return true;
        }
        catch (InvalidOperationException)
        {
            cpuSeconds = 0;
            return false;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            cpuSeconds = 0;
            return false;
        }
    }

    public void Dispose() => process.Dispose();
}
