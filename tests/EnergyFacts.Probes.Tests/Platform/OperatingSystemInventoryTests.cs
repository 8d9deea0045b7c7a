using System.Runtime.InteropServices;
using EnergyFacts.Probes.Platform;

namespace EnergyFacts.Probes.Tests.Platform;

public sealed class OperatingSystemInventoryTests
{
    [Fact]
    public void Distribution_is_id_plus_version_and_null_without_an_id()
    {
        Assert.Equal("debian12", OperatingSystemInventory.ParseDistribution("PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nVERSION_ID=\"12\"\nID=debian\n"));
        Assert.Equal("arch", OperatingSystemInventory.ParseDistribution("ID=arch\nBUILD_ID=rolling\n"));
        Assert.Null(OperatingSystemInventory.ParseDistribution("VERSION_ID=12\n"));
    }

    [Fact]
    public void Linux_is_described_like_python_platform()
    {
        Assert.Equal("Linux-6.1.0-18-amd64-x86_64-with-debian12",
            OperatingSystemInventory.DescribeLinux("6.1.0-18-amd64\n", Architecture.X64, "debian12"));
        Assert.Equal("Linux-6.8.0-aarch64", OperatingSystemInventory.DescribeLinux("6.8.0", Architecture.Arm64, null));
    }

    [Fact]
    public void Detect_reports_this_operating_system()
    {
        var os = OperatingSystemInventory.Detect();
        Assert.Equal(HostPlatform.Current, os.Kind);
        Assert.False(string.IsNullOrWhiteSpace(os.Description));
        if (OperatingSystem.IsLinux())
        {
            Assert.StartsWith("Linux-", os.Description, StringComparison.Ordinal);
        }
    }
}
