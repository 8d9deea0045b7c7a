using EnergyFacts.Probes.Estimators;
using EnergyFacts.Probes.Platform;

namespace EnergyFacts.Probes.Tests.Estimators;

public sealed class CpuModelProbeTests
{
    private static ProbeSettings Settings(params (string Name, string Value)[] values) =>
        new(values.Select(v => new KeyValuePair<string, string>(v.Name, v.Value)), "/");

    [Fact]
    public void Known_model_uses_table_tdp_times_sockets_and_says_so()
    {
        var cpu = new CpuInventory("AMD EPYC 7763 64-Core Processor", 256, 2, "/proc/cpuinfo");
        var estimate = CpuModelEstimate.Resolve(cpu, CpuPowerTable.Default, ProbeSettings.Empty);
        Assert.Equal(new Watts(560), estimate.MachineTdp);
        Assert.Equal(256, estimate.LogicalCpus);
        Assert.StartsWith("TDP 280 W × 2 sockets from cpu_power.csv for 'AMD EPYC 7763 64-Core Processor'", estimate.Legend, StringComparison.Ordinal);
        Assert.Contains("÷ 256 logical CPUs", estimate.Legend, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_model_falls_back_to_four_watts_per_thread_and_says_so()
    {
        var cpu = new CpuInventory("AMD EPYC", 2, 1, "/proc/cpuinfo");
        var estimate = CpuModelEstimate.Resolve(cpu, CpuPowerTable.Default, ProbeSettings.Empty);
        Assert.Equal(new Watts(8), estimate.MachineTdp);
        Assert.StartsWith("CPU model 'AMD EPYC' not in cpu_power.csv: 2 threads × 4 W = 8 W", estimate.Legend, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_model_falls_back_and_names_the_source_that_had_none()
    {
        var estimate = CpuModelEstimate.Resolve(new CpuInventory(null, 3, 1, "/proc/cpuinfo"), CpuPowerTable.Default, ProbeSettings.Empty);
        Assert.Equal(new Watts(12), estimate.MachineTdp);
        Assert.StartsWith("CPU model unknown (/proc/cpuinfo has none): 3 threads × 4 W", estimate.Legend, StringComparison.Ordinal);
    }

    [Fact]
    public void Tdp_override_wins_and_is_named()
    {
        var cpu = new CpuInventory("AMD EPYC 7763", 8, 1, "/proc/cpuinfo");
        var estimate = CpuModelEstimate.Resolve(cpu, CpuPowerTable.Default, Settings(("ENERGYFACTS_TDP_WATTS", "65.5")));
        Assert.Equal(new Watts(65.5), estimate.MachineTdp);
        Assert.StartsWith("TDP 65.5 W from ENERGYFACTS_TDP_WATTS for 'AMD EPYC 7763'", estimate.Legend, StringComparison.Ordinal);
    }

    [Fact]
    public void Model_override_is_looked_up_in_the_table()
    {
        var cpu = new CpuInventory("AMD EPYC", 2, 1, "/proc/cpuinfo");
        var estimate = CpuModelEstimate.Resolve(cpu, CpuPowerTable.Default, Settings(("ENERGYFACTS_CPU_MODEL", "Intel Xeon Platinum 8272CL")));
        Assert.Equal(new Watts(195), estimate.MachineTdp);
        Assert.Equal("Intel Xeon Platinum 8272CL", estimate.ModelName);
    }

    [Theory]
    [InlineData("lots")]
    [InlineData("-5")]
    [InlineData("0")]
    [InlineData("NaN")]
    [InlineData("1e300")]
    public void Bad_tdp_override_is_an_error_naming_the_value(string value)
    {
        var ex = Assert.Throws<ProbeConfigurationException>(() => CpuModelEstimate.Resolve(
            new CpuInventory("x", 1, 1, "t"), CpuPowerTable.Default, Settings(("ENERGYFACTS_TDP_WATTS", value))));
        Assert.Contains($"ENERGYFACTS_TDP_WATTS = '{value}'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Energy_equals_tdp_times_cpu_seconds_over_logical_cpus_exactly()
    {
        var cpuTime = new ScriptedCpuTime(10.0, 11.25, 13.5);
        var provider = new CpuModelProbeProvider(() => new CpuInventory("AMD EPYC 7B13", 4, 1, "test"), () => cpuTime, TimeProvider.System);
        var settings = Settings(("ENERGYFACTS_TDP_WATTS", "240"));
        using var probe = (CpuModelProbe)Assert.Single(provider.Offer(null, settings).Probes);
        Assert.Equal(EnergySource.Estimated, probe.Descriptor.Source);
        Assert.Equal("AMD EPYC 7B13", probe.Descriptor.DeviceName);
        Assert.Contains("CPU time from scripted", probe.Descriptor.Legend, StringComparison.Ordinal);
        probe.Start();
        Assert.True(probe.TryReadEnergy(TimeSpan.FromSeconds(1), out var first));
        Assert.Equal(new Joules(240 * 1.25 / 4), first);
        Assert.True(probe.TryReadEnergy(TimeSpan.FromSeconds(2), out var second));
        Assert.Equal(new Joules(210), second);
    }

    [Fact]
    public void Failed_or_backwards_cpu_time_reads_are_faults()
    {
        var cpuTime = new ScriptedCpuTime(5.0, double.NaN, 4.0, 6.0);
        using var probe = new CpuModelProbe(new CpuModelEstimate(new Watts(100), 2, "x", "t"), cpuTime, TimeProvider.System);
        probe.Start();
        Assert.False(probe.TryReadEnergy(TimeSpan.FromSeconds(1), out _));
        Assert.False(probe.TryReadEnergy(TimeSpan.FromSeconds(2), out _));
        Assert.True(probe.TryReadEnergy(TimeSpan.FromSeconds(3), out var energy));
        Assert.Equal(new Joules(50), energy);
    }

    [Fact]
    public void Utilisation_is_the_process_share_of_all_logical_cpus()
    {
        var clock = new ManualClock();
        var cpuTime = new ScriptedCpuTime(0.0, 3.0);
        using var probe = new CpuModelProbe(new CpuModelEstimate(new Watts(100), 4, "x", "t"), cpuTime, clock);
        probe.Start();
        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.True(probe.TryReadUtilization(out var utilization));
        Assert.Equal(37.5, utilization.BusyPercent);
    }

    [Fact]
    public void Argument_is_rejected()
    {
        var ex = Assert.Throws<ProbeConfigurationException>(() => new CpuModelProbeProvider().Offer("95", ProbeSettings.Empty));
        Assert.Contains("'cpu-model:95'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Linux_process_cpu_clock_advances_with_work()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "clock_gettime(CLOCK_PROCESS_CPUTIME_ID) is the Linux source");
        var clock = new LinuxProcessCpuTime();
        Assert.True(clock.TryReadSeconds(out var before));
        var x = 0d;
        for (var i = 0; i < 20_000_000; i++)
        {
            x += Math.Sqrt(i);
        }

        Assert.True(clock.TryReadSeconds(out var after));
        Assert.True(after > before, $"CPU time did not advance ({before} → {after}, work {x})");
    }

    [Fact]
    public void Cpuinfo_parsing_counts_processors_and_sockets()
    {
        const string text = "processor\t: 0\nmodel name\t: Intel(R) Xeon(R) Gold 6130 CPU @ 2.10GHz\nphysical id\t: 0\n\n" +
            "processor\t: 1\nmodel name\t: Intel(R) Xeon(R) Gold 6130 CPU @ 2.10GHz\nphysical id\t: 1\n\n" +
            "processor\t: 2\nphysical id\t: 1\n";
        var cpu = CpuInventory.Parse(text, "cpuinfo");
        Assert.Equal("Intel(R) Xeon(R) Gold 6130 CPU @ 2.10GHz", cpu.ModelName);
        Assert.Equal(3, cpu.LogicalCpus);
        Assert.Equal(2, cpu.Sockets);
    }

    internal sealed class ScriptedCpuTime(params double[] values) : IProcessCpuTime
    {
        private int next;

        public string Origin => "scripted";

        public bool TryReadSeconds(out double cpuSeconds)
        {
            cpuSeconds = values[Math.Min(next, values.Length - 1)];
            next++;
            return !double.IsNaN(cpuSeconds);
        }
    }

    internal sealed class ManualClock : TimeProvider
    {
        private long ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => ticks;

        public void Advance(TimeSpan by) => ticks += by.Ticks;
    }
}
