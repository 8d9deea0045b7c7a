using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace EnergyFacts.Probes.Platform;

/// <summary>What the machine's CPU is: model name, logical CPUs and sockets.</summary>
/// <param name="ModelName">The model string (e.g. <c>AMD EPYC 7B13</c>), or <see langword="null"/> when it cannot be found.</param>
/// <param name="LogicalCpus">Logical CPUs of the machine (threads), at least 1.</param>
/// <param name="Sockets">Physical packages, at least 1.</param>
/// <param name="Origin">Where the facts came from, for legends (e.g. "/proc/cpuinfo").</param>
internal sealed record CpuInventory(string? ModelName, int LogicalCpus, int Sockets, string Origin)
{
    /// <summary>Reads this machine's CPU facts (Linux: /proc/cpuinfo; Windows: registry; macOS: sysctl).</summary>
    public static CpuInventory Detect()
    {
        if (OperatingSystem.IsLinux())
        {
            try
            {
                return Parse(File.ReadAllText("/proc/cpuinfo"), "/proc/cpuinfo");
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }

            return new CpuInventory(null, Environment.ProcessorCount, 1, "Environment.ProcessorCount (/proc/cpuinfo unreadable)");
        }

        if (OperatingSystem.IsWindows())
        {
            var name = Microsoft.Win32.Registry.GetValue(
                @"HKEY_LOCAL_MACHINE\HARDWARE\DESCRIPTION\System\CentralProcessor\0", "ProcessorNameString", null) as string;
            return new CpuInventory(Clean(name), Environment.ProcessorCount, 1, "registry ProcessorNameString");
        }

        if (OperatingSystem.IsMacOS())
        {
            return new CpuInventory(Clean(MacSysctl.ReadString("machdep.cpu.brand_string")), Environment.ProcessorCount, 1,
                "sysctl machdep.cpu.brand_string");
        }

        return new CpuInventory(null, Environment.ProcessorCount, 1, "Environment.ProcessorCount");
    }

    /// <summary>Parses /proc/cpuinfo text: first <c>model name</c>, count of <c>processor</c> lines, distinct <c>physical id</c>s.</summary>
    public static CpuInventory Parse(string cpuinfo, string origin)
    {
        ArgumentNullException.ThrowIfNull(cpuinfo);
        string? model = null;
        string? armModel = null; // ARM kernels have no "model name"; "Model" or "Hardware" names the board or SoC.
        var processors = 0;
        var sockets = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in cpuinfo.Split('\n'))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0)
            {
                continue;
            }

            var key = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            switch (key)
            {
                case "processor":
                    processors++;
                    break;
                case "model name":
                    model ??= Clean(value);
                    break;
                case "Model" or "Hardware":
                    armModel ??= Clean(value);
                    break;
                case "physical id":
                    sockets.Add(value);
                    break;
                default:
                    break;
            }
        }

        return new CpuInventory(
            model ?? armModel,
            processors > 0 ? processors : Environment.ProcessorCount,
            Math.Max(1, sockets.Count),
            origin);
    }

    private static string? Clean(string? name) =>
        string.IsNullOrWhiteSpace(name) ? null : string.Join(' ', name.Split(' ', StringSplitOptions.RemoveEmptyEntries));

    /// <summary>Describes the facts for a legend, e.g. "2 logical CPUs, 1 socket".</summary>
    public string DescribeCounts() =>
        string.Create(CultureInfo.InvariantCulture,
            $"{LogicalCpus} logical CPU{(LogicalCpus == 1 ? "" : "s")}, {Sockets} socket{(Sockets == 1 ? "" : "s")}");
}

/// <summary>sysctlbyname for the CPU brand string on macOS.</summary>
internal static partial class MacSysctl
{
    public static unsafe string? ReadString(string name)
    {
        try
        {
            nuint size = 0;
            if (sysctlbyname(name, null, ref size, null, 0) != 0 || size == 0 || size > 4096)
            {
                return null;
            }

            var buffer = new byte[(int)size];
            fixed (byte* p = buffer)
            {
                if (sysctlbyname(name, p, ref size, null, 0) != 0)
                {
                    return null;
                }
            }

            return Encoding.UTF8.GetString(buffer, 0, (int)size).TrimEnd('\0');
        }
        catch (DllNotFoundException)
        {
            return null;
        }
        catch (EntryPointNotFoundException)
        {
            return null;
        }
    }

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8)]
    private static unsafe partial int sysctlbyname(string name, byte* oldp, ref nuint oldlenp, byte* newp, nuint newlen);
}
