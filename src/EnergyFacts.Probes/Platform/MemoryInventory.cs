using System.Globalization;

namespace EnergyFacts.Probes.Platform;

/// <summary>Installed memory of the machine.</summary>
/// <param name="TotalBytes">Total memory in bytes.</param>
/// <param name="Origin">Where it came from (e.g. "/proc/meminfo MemTotal").</param>
internal sealed record MemoryInventory(long TotalBytes, string Origin)
{
    /// <summary>Total memory in GiB.</summary>
    public double TotalGibibytes => TotalBytes / (1024d * 1024 * 1024);

    /// <summary>Reads this machine's memory size (Linux: /proc/meminfo; elsewhere the GC's view of physical memory).</summary>
    public static MemoryInventory Detect()
    {
        if (OperatingSystem.IsLinux())
        {
            try
            {
                var parsed = ParseMeminfo(File.ReadAllText("/proc/meminfo"), "/proc/meminfo");
                if (parsed is not null)
                {
                    return parsed;
                }
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        return new MemoryInventory(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes, "GC.GetGCMemoryInfo().TotalAvailableMemoryBytes");
    }

    /// <summary>Parses the <c>MemTotal: N kB</c> line of /proc/meminfo; null when absent.</summary>
    /// <exception cref="FormatException">The MemTotal line is malformed (message names the file and line).</exception>
    public static MemoryInventory? ParseMeminfo(string meminfo, string path)
    {
        ArgumentNullException.ThrowIfNull(meminfo);
        var lines = meminfo.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (!lines[i].StartsWith("MemTotal:", StringComparison.Ordinal))
            {
                continue;
            }

            var parts = lines[i]["MemTotal:".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 2 || parts[1] != "kB"
                || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var kibibytes))
            {
                throw new FormatException($"{path}:{i + 1}: expected 'MemTotal: <integer> kB', found '{lines[i].Trim()}'.");
            }

            return new MemoryInventory(kibibytes * 1024, path + " MemTotal");
        }

        return null;
    }
}
