using System.Runtime.InteropServices;

namespace EnergyFacts.Probes.Platform;

/// <summary>Which operating system this is, described the way Python's <c>platform.platform()</c> does on Linux.</summary>
/// <param name="Kind">The operating system family the probes distinguish.</param>
/// <param name="Description">
/// E.g. <c>Linux-6.1.0-18-amd64-x86_64-with-debian12</c> on Linux, else .NET's <see cref="RuntimeInformation.OSDescription"/>.
/// </param>
/// <param name="Origin">Where the description came from, for legends.</param>
internal sealed record OperatingSystemInventory(HostOperatingSystem Kind, string Description, string Origin)
{
    /// <summary>Reads this machine's operating system (Linux: kernel release and /etc/os-release).</summary>
    public static OperatingSystemInventory Detect()
    {
        if (!OperatingSystem.IsLinux() || ReadText("/proc/sys/kernel/osrelease") is not { } release)
        {
            return new OperatingSystemInventory(HostPlatform.Current, RuntimeInformation.OSDescription, "RuntimeInformation.OSDescription");
        }

        var distribution = ReadText("/etc/os-release") is { } osRelease ? ParseDistribution(osRelease) : null;
        return new OperatingSystemInventory(
            HostOperatingSystem.Linux,
            DescribeLinux(release, RuntimeInformation.OSArchitecture, distribution),
            "/proc/sys/kernel/osrelease, /etc/os-release");
    }

    /// <summary><c>Linux-</c>release<c>-</c>machine, plus <c>-with-</c>distribution when known, like <c>platform.platform()</c>.</summary>
    public static string DescribeLinux(string kernelRelease, Architecture architecture, string? distribution)
    {
        ArgumentNullException.ThrowIfNull(kernelRelease);
        var machine = architecture switch
        {
            Architecture.X64 => "x86_64",
            Architecture.Arm64 => "aarch64",
            var other => other.ToString().ToLowerInvariant(),
        };
        return $"Linux-{kernelRelease.Trim()}-{machine}" + (distribution is null ? string.Empty : "-with-" + distribution);
    }

    /// <summary><c>ID</c> + <c>VERSION_ID</c> from <c>/etc/os-release</c> text, e.g. <c>debian12</c>; null without an <c>ID</c>.</summary>
    public static string? ParseDistribution(string osRelease)
    {
        ArgumentNullException.ThrowIfNull(osRelease);
        string? id = null, version = null;
        foreach (var line in osRelease.Split('\n'))
        {
            var eq = line.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                continue;
            }

            var value = line[(eq + 1)..].Trim().Trim('"');
            switch (line[..eq].Trim())
            {
                case "ID":
                    id = value;
                    break;
                case "VERSION_ID":
                    version = value;
                    break;
                default:
                    break;
            }
        }

        return string.IsNullOrEmpty(id) ? null : id + version;
    }

    private static string? ReadText(string path)
    {
        try
        {
            return File.Exists(path) ? File.ReadAllText(path) : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
