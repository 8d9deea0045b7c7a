using EnergyFacts.Results;

namespace EnergyFacts.Tests.Results;

public sealed class HostInfoTests
{
    [Fact]
    public void Distribution_is_id_plus_version()
    {
        Assert.Equal("debian12", HostInfo.ParseDistribution("PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nVERSION_ID=\"12\"\nID=debian\n"));
    }

    [Fact]
    public void Capture_fills_every_column_with_this_machine_and_the_conventions()
    {
        var host = HostInfo.Capture(gpuCount: 1, gpuModel: "Test GPU");

        Assert.Equal(Environment.ProcessorCount, host.CpuCount);
        Assert.StartsWith(".NET ", host.RuntimeVersion, StringComparison.Ordinal);
        Assert.Matches(@"^energyfacts-\d+\.\d+\.\d+", host.HarnessVersion);
        Assert.True(host.RamTotalSizeGigabytes > 0);
        Assert.False(string.IsNullOrWhiteSpace(host.CpuModel));
        Assert.False(string.IsNullOrWhiteSpace(host.Os));
        Assert.Equal("process", host.TrackingMode);
        Assert.Equal("N", host.OnCloud);
        Assert.Equal(1, host.GpuCount);
        Assert.Equal("Test GPU", host.GpuModel);
        if (OperatingSystem.IsLinux())
        {
            Assert.StartsWith("Linux-", host.Os, StringComparison.Ordinal);
        }
    }
}
