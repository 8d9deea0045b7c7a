using EnergyFacts.Probes.Platform;

namespace EnergyFacts.Probes.Tests.Platform;

public sealed class HostPlatformTests
{
    [Fact]
    public void Current_matches_the_runtime()
    {
        var expected = OperatingSystem.IsLinux() ? HostOperatingSystem.Linux
            : OperatingSystem.IsWindows() ? HostOperatingSystem.Windows
            : OperatingSystem.IsMacOS() ? HostOperatingSystem.MacOS : HostOperatingSystem.Other;
        Assert.Equal(expected, HostPlatform.Current);
    }

    [Theory]
    [InlineData(nameof(HostOperatingSystem.Windows), "rapl: ", "Windows is not supported by 'rapl'")]
    [InlineData(nameof(HostOperatingSystem.MacOS), "rapl: ", "macOS is not supported by 'rapl'")]
    [InlineData(nameof(HostOperatingSystem.MacOS), "nvml: ", "macOS is not supported by 'nvml'")]
    [InlineData(nameof(HostOperatingSystem.Linux), "rapl: ", "supported (Linux powercap)")]
    [InlineData(nameof(HostOperatingSystem.Windows), "nvml: ", "supported when the NVIDIA driver library is present")]
    public void Report_names_the_platform_for_each_probe(string osName, string prefix, string expected)
    {
        var os = Enum.Parse<HostOperatingSystem>(osName); // internal enum: public theories take its name
        var line = Assert.Single(HostPlatform.Report(os), l => l.StartsWith(prefix, StringComparison.Ordinal));
        Assert.Contains(expected, line, StringComparison.Ordinal);
    }
}
