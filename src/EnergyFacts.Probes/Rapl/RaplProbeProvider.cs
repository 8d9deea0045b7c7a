using System.Globalization;
using EnergyFacts.Probes.Platform;

namespace EnergyFacts.Probes.Rapl;

/// <summary>
/// <c>rapl</c>: CPU package (→ cpu) and DRAM (→ ram) energy from Linux powercap <c>energy_uj</c> counters (measured,
/// machine-wide: every process on the package counts).
/// </summary>
internal sealed class RaplProbeProvider : IProbeProvider
{
    /// <summary>Setting that replaces the powercap root (tests, containers that mount it elsewhere).</summary>
    public const string RootSetting = "ENERGYFACTS_POWERCAP_ROOT";

    /// <summary>Where the kernel exposes powercap.</summary>
    public const string DefaultRoot = "/sys/class/powercap";

    /// <summary>The auto rank: first, a hardware counter.</summary>
    public const int Rank = 10;

    /// <summary>
    /// The most one zone is believed to draw; a counter change implying more is a reset, not a wrap (the largest server
    /// packages are rated about 500 W).
    /// </summary>
    public const double MaxPlausibleZoneWatts = 2000;

    private static readonly ProbeSettingDefinition[] Definitions =
    [
        new(RootSetting,
            "Powercap directory read instead of the kernel's (containers that bind-mount it elsewhere, tests).",
            DefaultRoot,
            "a directory path; a relative path is resolved against the base directory",
            value => SettingRules.PathProblem(RootSetting, value, "a powercap directory path such as " + DefaultRoot)),
    ];

    private readonly HostOperatingSystem os;
    private readonly ICounterFileOpener opener;

    /// <summary>Creates the provider for this machine.</summary>
    public RaplProbeProvider()
        : this(HostPlatform.Current, SysfsCounterFileOpener.Instance)
    {
    }

    internal RaplProbeProvider(HostOperatingSystem os, ICounterFileOpener opener)
    {
        this.os = os;
        this.opener = opener;
    }

    /// <inheritdoc/>
    public string Name => "rapl";

    /// <inheritdoc/>
    public string Syntax => "rapl";

    /// <inheritdoc/>
    public int? AutoRank => Rank;

    /// <inheritdoc/>
    public IReadOnlyList<ProbeSettingDefinition> Settings => Definitions;

    /// <inheritdoc/>
    public string? ValidateArgument(string? argument) =>
        string.IsNullOrWhiteSpace(argument) ? null
        : $"Probe 'rapl' takes no argument, found 'rapl:{argument}'. Set {RootSetting} to read another powercap directory.";

    /// <inheritdoc/>
    public ProbeOffer Offer(string? argument, ProbeSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (ValidateArgument(argument) is { } malformed)
        {
            throw new ProbeConfigurationException(malformed);
        }

        var configuredRoot = settings.Get(RootSetting);
        string root;
        if (!string.IsNullOrWhiteSpace(configuredRoot))
        {
            if (Definitions[0].Validate(configuredRoot) is { } refused)
            {
                throw new ProbeConfigurationException(refused);
            }

            root = settings.ResolvePath(configuredRoot.Trim());
            if (!Directory.Exists(root))
            {
                throw new ProbeConfigurationException(
                    $"{RootSetting} = '{configuredRoot}' is not a directory ({root}). Allowed: a powercap directory such as {DefaultRoot}.");
            }
        }
        else
        {
            if (HostPlatform.RaplUnsupportedReason(os) is { } unsupported)
            {
                return ProbeOffer.Unavailable(unsupported);
            }

            root = DefaultRoot;
            if (!Directory.Exists(root))
            {
                return ProbeOffer.Unavailable(
                    $"{root} does not exist: this kernel exposes no powercap (virtual machines and most containers hide RAPL). " +
                    $"Bare-metal Linux with the intel_rapl_msr module (AMD: kernel ≥ 5.8) provides it; bind-mount it and set {RootSetting} in a container.");
            }
        }

        var scan = PowercapScan.Scan(root);
        var packages = scan.CountedZones.Where(z => z.Kind == RaplZoneKind.Package).ToList();
        if (packages.Count == 0)
        {
            var found = scan.AllZones.Count == 0
                ? "no intel-rapl zones at all"
                : "only " + string.Join(", ", scan.AllZones.Select(z => $"{z.ZoneId} ({z.Name})"));
            return ProbeOffer.Unavailable(
                $"{root} has no RAPL package zone (intel-rapl:N named package-N): {found}. " +
                "Load intel_rapl_msr (Intel, AMD on kernel ≥ 5.8) or use 'cpu-model'.");
        }

        var opened = new List<(RaplZone Zone, ICounterFile File)>();
        var unreadable = new List<string>();
        try
        {
            foreach (var zone in scan.CountedZones)
            {
                try
                {
                    var file = opener.Open(zone.EnergyFile);
                    opened.Add((zone, file));
                    if (!file.TryRead(out _))
                    {
                        unreadable.Add($"{zone.EnergyFile} (opened, but a read failed or did not hold an integer)");
                    }
                }
                catch (UnauthorizedAccessException)
                {
                    unreadable.Add(zone.EnergyFile + " (permission denied)");
                }
                catch (IOException ex)
                {
                    unreadable.Add($"{zone.EnergyFile} ({ex.Message})");
                }
            }
        }
        catch
        {
            DisposeAll(opened);
            throw;
        }

        if (unreadable.Count > 0)
        {
            DisposeAll(opened);
            return ProbeOffer.Unavailable(UnreadableReason(unreadable));
        }

        var psysNote = scan.Psys is { } psys
            ? $"; {psys.ZoneId} (psys, whole platform) present but not added, it contains the packages"
            : "";
        var duplicateNote = scan.AllZones.Any(z => z.Interface == RaplInterface.Mmio)
            ? "; intel-rapl-mmio duplicates read once, through MMIO"
            : "";
        var probes = opened.Select(o => (IPowerProbe)new RaplEnergyCounter(
            o.Zone, o.File, MaxPlausibleZoneWatts, Legend(o.Zone) + psysNote + duplicateNote)).ToArray();
        return ProbeOffer.Of(probes);
    }

    private static string Legend(RaplZone zone)
    {
        var what = zone.Kind == RaplZoneKind.Dram ? "DRAM" : "CPU package";
        var range = zone.MaxEnergyRangeMicrojoules is { } r
            ? string.Create(CultureInfo.InvariantCulture, $"wraps at {r / 1e6:0.######} J unwrapped")
            : "max_energy_range_uj missing: a drop cannot be told from a reset, so each drop is a fault";
        return $"RAPL {what} energy counter {zone.ZoneId}/energy_uj ({zone.Interface.ToString().ToUpperInvariant()}), " +
            $"whole {zone.DomainName}, all processes; {range}";
    }

    private static string UnreadableReason(List<string> unreadable) =>
        "RAPL counters exist but cannot be read: " + string.Join("; ", unreadable) + ". " +
        "Since the CVE-2020-8694 (PLATYPUS) fix (Linux 5.10, backported), energy_uj is mode 0400, root only. " +
        "Grant read access with sysfsutils (/etc/sysfs.conf: 'mode class/powercap/intel-rapl:0/energy_uj = 0444', one line per zone), " +
        "a udev rule (SUBSYSTEM==\"powercap\", ACTION==\"add\", RUN+=\"/bin/chmod 0444 /sys%p/energy_uj\"), " +
        "or a group ('owner class/powercap/intel-rapl:0/energy_uj = root:rapl' plus mode 0440), or run as root. " +
        "Note the CVE: readable counters leak power side channels to local users.";

    private static void DisposeAll(List<(RaplZone Zone, ICounterFile File)> opened)
    {
        foreach (var (_, file) in opened)
        {
            file.Dispose();
        }
    }
}
