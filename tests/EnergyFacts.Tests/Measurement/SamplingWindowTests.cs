using EnergyFacts.Results;
using System.Diagnostics;
using EnergyFacts.Measurement;
using EnergyFacts.Probes;
using EnergyFacts.Probes.Constant;
using EnergyFacts.Probes.Replay;

namespace EnergyFacts.Tests.Measurement;

/// <summary>The sampler's tick without its thread, on timestamps the test chooses, so the numbers are exact.</summary>
public sealed class SamplingWindowTests
{
    private static readonly long OneSecond = Stopwatch.Frequency;

    [Fact]
    public void Sensors_and_counters_sum_per_component_with_exact_joules_and_the_weakest_source()
    {
        using var cpuConstant = new ConstantPowerProbe(PowerComponent.Cpu, new Watts(95));
        using var cpuReplay = new ReplayProbe(PowerTrace.Parse("t.csv", [PowerTrace.Header, "0,0,0,0", "2,100,0,0"]), PowerComponent.Cpu);
        using var failing = new FailingSensor();
        var window = new SamplingWindow([cpuConstant, cpuReplay, failing]);
        window.StartProbes();

        const long start = 1_000_000;
        window.Open(start);
        window.Tick(start + OneSecond);
        window.Tick(start + (2 * OneSecond));
        var components = window.Components(TimeSpan.FromSeconds(2));

        var cpu = components[0];
        Assert.Equal([PowerComponent.Cpu, PowerComponent.Gpu, PowerComponent.Ram], components.Select(c => c.Component));
        Assert.Equal(new Joules((95 * 2) + 100), cpu.Energy); // 95 W × 2 s + ∫ of the 0→100 W ramp over 2 s
        Assert.Equal(new Watts(145), cpu.MeanPower);
        Assert.Equal(EnergySource.Replayed, cpu.Source); // estimated + replayed reads as replayed
        Assert.Equal(["constant:cpu", "replay:cpu"], cpu.ProbeIds);
        Assert.Equal(3, components[1].Faults); // every read of the failing GPU sensor
        Assert.Equal("measured-partial", FileTokens.SourceOf(components[1]));
        Assert.Equal(3, window.SampleCount);

        var marks = new Joules[3];
        window.CopyEnergies(marks);
        Assert.Equal([new Joules(190), new Joules(100), Joules.Zero], marks);
    }

    [Fact]
    public void A_tick_allocates_nothing()
    {
        using var constant = new ConstantPowerProbe(PowerComponent.Ram, new Watts(5));
        using var replay = new ReplayProbe(PowerTrace.Parse("t.csv", [PowerTrace.Header, "0,10,200,0", "1,20,250,0", "3600,15,220,0"]), PowerComponent.Gpu);
        using var failing = new FailingSensor();
        using var estimators = DefaultProbeProviders.CreateCatalog().Select("cpu-model", ProbeSettings.Empty);
        var window = new SamplingWindow([constant, replay, failing, .. estimators.Probes]);
        window.StartProbes();
        const long start = 0;
        window.Open(start);
        var step = OneSecond / 1000;
        var tick = 0L;
        for (; tick < 1_000; tick++)
        {
            window.Tick(start + (tick * step)); // warm-up: JIT, static constructors, first-call caches
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var end = tick + 10_000; tick < end; tick++)
        {
            window.Tick(start + (tick * step));
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(11_001, window.SampleCount);
        Assert.True(allocated == 0, $"10,000 ticks allocated {allocated} bytes; the tick must allocate nothing");
    }

    private sealed class FailingSensor : IPowerSensor
    {
        public ProbeDescriptor Descriptor { get; } = new("failing", PowerComponent.Gpu, EnergySource.Measured, "test");

        public void Start() { }

        public bool TryReadPower(TimeSpan elapsed, out Watts power)
        {
            power = Watts.Zero;
            return false;
        }

        public void Dispose() { }
    }
}
