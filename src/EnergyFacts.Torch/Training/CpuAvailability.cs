using System.Diagnostics;
using System.Globalization;

namespace EnergyFacts.Torch.Training;

/// <summary>
/// The CPUs this process may use, and how many of them other processes kept busy over a short window: the inputs of
/// <see cref="TorchThreads.Recommended(CpuAvailability)"/>.
/// </summary>
/// <param name="LogicalProcessors">Logical CPUs available to the process (affinity and CPU quota applied).</param>
/// <param name="PhysicalCores">Physical cores among them (SMT siblings counted once; the logical count where the topology is unknown).</param>
/// <param name="BusyCores">CPUs' worth of time other processes used during the window (0 where it cannot be read).</param>
/// <param name="Window">How long the load was observed (zero when it was not).</param>
public sealed record CpuAvailability(int LogicalProcessors, int PhysicalCores, double BusyCores, TimeSpan Window)
{
    /// <summary>How long <see cref="Measure()"/> observes the load: long enough for the kernel's 10 ms ticks to resolve a twentieth of a core.</summary>
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromMilliseconds(200);

    /// <summary>Observes this machine for <see cref="DefaultWindow"/>.</summary>
    /// <returns>The availability.</returns>
    public static CpuAvailability Measure() => Measure(DefaultWindow);

    /// <summary>Observes this machine for <paramref name="window"/> (Linux: <c>/proc/stat</c> less this process's own CPU time).</summary>
    /// <param name="window">Observation time; zero reads the topology only.</param>
    /// <returns>The availability.</returns>
    public static CpuAvailability Measure(TimeSpan window)
    {
        int logical = Environment.ProcessorCount;
        int cores = Math.Min(logical, PhysicalCoreCount() ?? logical);
        if (window <= TimeSpan.Zero || !OperatingSystem.IsLinux() || ReadMachineTicks() is not { } before)
        {
            return new CpuAvailability(logical, cores, 0, TimeSpan.Zero);
        }

        var ownBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        Thread.Sleep(window);
        var after = ReadMachineTicks();
        var ownAfter = Process.GetCurrentProcess().TotalProcessorTime;
        var elapsed = clock.Elapsed;
        if (after is null || after.Value.Total <= before.Total)
        {
            return new CpuAvailability(logical, cores, 0, elapsed);
        }

        // /proc/stat counts every CPU of the machine; the share busy, times the CPUs it counts, less what this process used.
        double busyShare = (double)(after.Value.Busy - before.Busy) / (after.Value.Total - before.Total);
        double machineBusyCores = busyShare * after.Value.Cpus;
        double ownCores = (ownAfter - ownBefore).TotalSeconds / elapsed.TotalSeconds;
        double others = Math.Clamp(machineBusyCores - ownCores, 0, logical);
        return new CpuAvailability(logical, cores, others, elapsed);
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{PhysicalCores} physical core{(PhysicalCores == 1 ? "" : "s")} of {LogicalProcessors} logical CPU{(LogicalProcessors == 1 ? "" : "s")}, {BusyCores:F2} busy with other processes over {Window.TotalMilliseconds:F0} ms");

    /// <summary>Parses the aggregate <c>cpu</c> line of <c>/proc/stat</c>: busy and total ticks, and how many <c>cpuN</c> lines follow.</summary>
    /// <param name="procStat">The file's text.</param>
    /// <returns>The ticks, or <see langword="null"/> when the line is missing or malformed.</returns>
    internal static (long Busy, long Total, int Cpus)? ParseProcStat(string procStat)
    {
        ArgumentNullException.ThrowIfNull(procStat);
        (long, long)? aggregate = null;
        int cpus = 0;
        foreach (var line in procStat.Split('\n'))
        {
            if (line.StartsWith("cpu ", StringComparison.Ordinal))
            {
                // user nice system idle iowait irq softirq steal [guest guest_nice]: guest time is already in user/nice.
                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Take(8).ToArray();
                if (fields.Length < 4 || !fields.All(f => long.TryParse(f, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
                {
                    return null;
                }

                var ticks = fields.Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
                long idle = ticks[3] + (ticks.Length > 4 ? ticks[4] : 0);
                long total = ticks.Sum();
                aggregate = (total - idle, total);
            }
            else if (line.StartsWith("cpu", StringComparison.Ordinal) && line.Length > 3 && char.IsAsciiDigit(line[3]))
            {
                cpus++;
            }
        }

        return aggregate is { } a && cpus > 0 ? (a.Item1, a.Item2, cpus) : null;
    }

    /// <summary>Distinct (package, core) pairs of the CPUs listed, from their sysfs topology files.</summary>
    /// <param name="topology">For each CPU, its <c>physical_package_id</c> and <c>core_id</c>.</param>
    /// <returns>The count of physical cores.</returns>
    internal static int CountPhysicalCores(IEnumerable<(string Package, string Core)> topology) => topology.Distinct().Count();

    private static (long Busy, long Total, int Cpus)? ReadMachineTicks()
    {
        try
        {
            return ParseProcStat(File.ReadAllText("/proc/stat"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static int? PhysicalCoreCount()
    {
        const string root = "/sys/devices/system/cpu";
        if (!OperatingSystem.IsLinux() || !Directory.Exists(root))
        {
            return null;
        }

        try
        {
            var topology = Directory.GetDirectories(root, "cpu*")
                .Where(d => Path.GetFileName(d).Length > 3 && Path.GetFileName(d)[3..].All(char.IsAsciiDigit))
                .Select(d => Path.Combine(d, "topology"))
                .Where(Directory.Exists)
                .Select(t => (File.ReadAllText(Path.Combine(t, "physical_package_id")).Trim(), File.ReadAllText(Path.Combine(t, "core_id")).Trim()))
                .ToList();
            return topology.Count == 0 ? null : CountPhysicalCores(topology);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
