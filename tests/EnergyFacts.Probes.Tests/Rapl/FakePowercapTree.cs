using System.Globalization;
using System.Text;

namespace EnergyFacts.Probes.Tests.Rapl;

/// <summary>A powercap directory in a temp folder, laid out like /sys/class/powercap (flat zone directories).</summary>
internal sealed class FakePowercapTree : IDisposable
{
    private const int FieldWidth = 24;

    public FakePowercapTree(string? under = null)
    {
        Root = Path.Combine(under ?? Path.GetTempPath(), "energyfacts-powercap-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    public ProbeSettings Settings => new([new("ENERGYFACTS_POWERCAP_ROOT", Root)], Root);

    /// <summary>Adds a zone directory with name, energy_uj and (unless null) max_energy_range_uj.</summary>
    public string AddZone(string zoneId, string name, ulong energyMicrojoules, ulong? maxRangeMicrojoules = 262_143_328_850)
    {
        var dir = Path.Combine(Root, zoneId);
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "name"), name + "\n");
        if (maxRangeMicrojoules is { } range)
        {
            File.WriteAllText(Path.Combine(dir, "max_energy_range_uj"), range.ToString(CultureInfo.InvariantCulture) + "\n");
        }

        SetEnergy(zoneId, energyMicrojoules);
        return dir;
    }

    /// <summary>
    /// Overwrites energy_uj in place (same inode, fixed width, one write), so a reader holding the file open sees the
    /// new value as it would in sysfs.
    /// </summary>
    public void SetEnergy(string zoneId, ulong energyMicrojoules)
    {
        var text = energyMicrojoules.ToString(CultureInfo.InvariantCulture).PadRight(FieldWidth) + "\n";
        using var stream = new FileStream(Path.Combine(Root, zoneId, "energy_uj"), FileMode.OpenOrCreate, FileAccess.Write, FileShare.ReadWrite);
        stream.Write(Encoding.ASCII.GetBytes(text));
    }

    /// <summary>Intel two-socket server: packages with core/uncore/dram subzones, plus a psys zone.</summary>
    public static FakePowercapTree IntelTwoSocket()
    {
        var tree = new FakePowercapTree();
        tree.AddZone("intel-rapl:0", "package-0", 1_000_000);
        tree.AddZone("intel-rapl:0:0", "core", 500_000);
        tree.AddZone("intel-rapl:0:1", "uncore", 100_000);
        tree.AddZone("intel-rapl:0:2", "dram", 200_000, 65_712_999_613);
        tree.AddZone("intel-rapl:1", "package-1", 2_000_000);
        tree.AddZone("intel-rapl:1:0", "core", 700_000);
        tree.AddZone("intel-rapl:1:1", "dram", 300_000, 65_712_999_613);
        tree.AddZone("intel-rapl:2", "psys", 9_000_000);
        return tree;
    }

    /// <summary>AMD (Zen) layout: packages named intel-rapl with a core subzone, no DRAM.</summary>
    public static FakePowercapTree AmdOneSocket()
    {
        var tree = new FakePowercapTree();
        tree.AddZone("intel-rapl:0", "package-0", 5_000_000, 65_532_610_987);
        tree.AddZone("intel-rapl:0:0", "core", 4_000_000, 65_532_610_987);
        return tree;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
