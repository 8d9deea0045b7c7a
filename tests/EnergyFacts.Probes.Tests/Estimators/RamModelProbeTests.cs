using EnergyFacts.Probes.Estimators;
using EnergyFacts.Probes.Platform;

namespace EnergyFacts.Probes.Tests.Estimators;

public sealed class RamModelProbeTests
{
    private const long GiB = 1024L * 1024 * 1024;

    [Theory]
    [InlineData(8 * GiB, 3.0)]
    [InlineData(GiB, 0.375)]
    [InlineData(0L, 0.0)]
    [InlineData(GiB / 2, 0.1875)]
    public void Power_is_three_eighths_watt_per_gibibyte_of_resident_memory(long bytes, double watts) =>
        Assert.Equal(new Watts(watts), RamModelProbe.PowerFor(bytes));

    [Fact]
    public void Probe_reads_rss_and_caps_it_at_installed_memory()
    {
        var resident = new ScriptedResident(2 * GiB, 64 * GiB);
        using var probe = new RamModelProbe(resident, new MemoryInventory(16 * GiB, "meminfo"));
        Assert.Equal(EnergySource.Estimated, probe.Descriptor.Source);
        Assert.Equal(PowerComponent.Ram, probe.Descriptor.Component);
        Assert.Contains("0.375 W per GiB", probe.Descriptor.Legend, StringComparison.Ordinal);
        Assert.Contains("of 16 GiB installed", probe.Descriptor.Legend, StringComparison.Ordinal);
        Assert.True(probe.TryReadPower(TimeSpan.Zero, out var first));
        Assert.Equal(new Watts(0.75), first);
        Assert.True(probe.TryReadPower(TimeSpan.FromSeconds(1), out var capped));
        Assert.Equal(new Watts(6), capped);
    }

    [Fact]
    public void Failed_rss_read_is_a_fault()
    {
        using var probe = new RamModelProbe(new ScriptedResident(-1), new MemoryInventory(GiB, "m"));
        Assert.False(probe.TryReadPower(TimeSpan.Zero, out _));
    }

    [Fact]
    public void Meminfo_total_is_parsed_in_kibibytes()
    {
        var memory = MemoryInventory.ParseMeminfo("MemFree: 1 kB\nMemTotal:       24576000 kB\n", "/proc/meminfo");
        Assert.Equal(24_576_000L * 1024, memory?.TotalBytes);
    }

    [Fact]
    public void Malformed_meminfo_names_file_and_line()
    {
        var ex = Assert.Throws<FormatException>(() => MemoryInventory.ParseMeminfo("A: 1 kB\nMemTotal: lots\n", "/proc/meminfo"));
        Assert.Contains("/proc/meminfo:2", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Real_statm_reader_returns_this_process_resident_set()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "/proc/self/statm is Linux only");
        using var statm = new ProcStatmResidentMemory();
        Assert.True(statm.TryReadBytes(out var bytes));
        Assert.InRange(bytes, 10L * 1024 * 1024, Environment.WorkingSet * 2);
    }

    private sealed class ScriptedResident(params long[] values) : IResidentMemory
    {
        private int next;

        public string Origin => "scripted";

        public bool TryReadBytes(out long residentBytes)
        {
            residentBytes = values[Math.Min(next++, values.Length - 1)];
            return residentBytes >= 0;
        }
    }
}
