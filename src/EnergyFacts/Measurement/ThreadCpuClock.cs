using System.Runtime.InteropServices;

namespace EnergyFacts.Measurement;

/// <summary>CPU time consumed by the calling thread; how the sampler measures its own overhead.</summary>
internal static partial class ThreadCpuClock
{
    private const int ClockThreadCpuTimeLinux = 3;
    private const int ClockThreadCpuTimeMac = 16;

    /// <summary>CPU time of the calling thread, or <see langword="null"/> where the platform offers no cheap reading.</summary>
    public static TimeSpan? CurrentThread()
    {
        try
        {
            if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS())
            {
                var clock = OperatingSystem.IsLinux() ? ClockThreadCpuTimeLinux : ClockThreadCpuTimeMac;
                return clock_gettime(clock, out var ts) == 0
                    ? TimeSpan.FromTicks((ts.Seconds * TimeSpan.TicksPerSecond) + (ts.Nanoseconds / 100))
                    : null;
            }

            if (OperatingSystem.IsWindows()
                && GetThreadTimes(GetCurrentThread(), out _, out _, out var kernel, out var user))
            {
                return TimeSpan.FromTicks(kernel + user);
            }
        }
        catch (EntryPointNotFoundException)
        {
        }
        catch (DllNotFoundException)
        {
        }

        return null;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int clock_gettime(int clockId, out TimeSpec time);

    [LibraryImport("kernel32.dll")]
    private static partial IntPtr GetCurrentThread();

    [LibraryImport("kernel32.dll", SetLastError = true)]
    [return: MarshalAs(UnmanagedType.Bool)]
    private static partial bool GetThreadTimes(IntPtr thread, out long creation, out long exit, out long kernel, out long user);
}
