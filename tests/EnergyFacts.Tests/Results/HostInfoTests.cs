using EnergyFacts.Results;

namespace EnergyFacts.Tests.Results;

public sealed class HostInfoTests
{
    [Fact]
    public void Cpu_model_comes_from_the_first_model_name_line()
    {
        const string cpuinfo = "processor\t: 0\nvendor_id\t: GenuineIntel\nmodel\t\t: 85\nmodel name\t: Intel(R) Xeon(R) Gold 6148 CPU @ 2.40GHz\n\nprocessor\t: 1\nmodel name\t: other\n";

        Assert.Equal("Intel(R) Xeon(R) Gold 6148 CPU @ 2.40GHz", HostInfo.ParseCpuModel(cpuinfo));
    }

    [Fact]
    public void Arm_cpuinfo_falls_back_to_Model()
    {
        Assert.Equal("Raspberry Pi 4 Model B Rev 1.4", HostInfo.ParseCpuModel("processor\t: 0\nBogoMIPS\t: 108.00\n\nModel\t\t: Raspberry Pi 4 Model B Rev 1.4\n"));
        Assert.Null(HostInfo.ParseCpuModel("processor\t: 0\n"));
    }

    [Fact]
    public void MemTotal_is_read_in_kibibytes()
    {
        Assert.Equal(24_576_000L * 1024, HostInfo.ParseMemTotalBytes("MemTotal:       24576000 kB\nMemFree:        1000 kB\n"));
        Assert.Null(HostInfo.ParseMemTotalBytes("MemFree: 1 kB\n"));
    }

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
