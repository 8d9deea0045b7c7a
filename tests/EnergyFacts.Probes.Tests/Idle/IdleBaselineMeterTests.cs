using EnergyFacts.Probes.Constant;
using EnergyFacts.Probes.Idle;
using EnergyFacts.Probes.Replay;
using EnergyFacts.Probes.Tests.Estimators;

namespace EnergyFacts.Probes.Tests.Idle;

public sealed class IdleBaselineMeterTests
{
    private static IdleBaselineMeter ManualMeter(out CpuModelProbeTests.ManualClock clock)
    {
        var c = new CpuModelProbeTests.ManualClock();
        clock = c;
        return new IdleBaselineMeter(c, (span, _) => c.Advance(span));
    }

    [Fact]
    public void Counter_idle_power_is_its_energy_over_the_window_and_sensor_idle_power_is_the_mean_sample()
    {
        var trace = PowerTrace.Parse("t.csv", ["time_s,cpu_w,gpu_w,ram_w", "0,10,0,2", "10,30,0,2"]);
        using var cpu = new ReplayProbe(trace, PowerComponent.Cpu);
        using var ram = new ConstantPowerProbe(PowerComponent.Ram, new Watts(4.5));
        var meter = ManualMeter(out _);

        var baseline = meter.Measure([cpu, ram], TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);

        Assert.Equal(new Watts(20), baseline.PowerOf(PowerComponent.Cpu)); // 200 J over 10 s, exact integral of the ramp
        Assert.Equal(new Watts(4.5), baseline.PowerOf(PowerComponent.Ram));
        Assert.All(baseline.Probes, p => Assert.Equal(TimeSpan.FromSeconds(10), p.Duration));
        Assert.Equal(new Joules(1000 - (20 * 30)), baseline.DynamicEnergy(PowerComponent.Cpu, new Joules(1000), TimeSpan.FromSeconds(30)));
        Assert.Contains("replay:cpu (cpu, replayed): 20 W idle over 10 s", baseline.Describe());
    }

    [Fact]
    public void Failing_and_throwing_probes_are_counted_as_faults_not_errors()
    {
        using var broken = new FailingSensor();
        var meter = ManualMeter(out _);
        var baseline = meter.Measure([broken], TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);
        var result = Assert.Single(baseline.Probes);
        Assert.Equal(3, result.Faults);
        Assert.True(double.IsNaN(result.Power.Value));
    }

    [Fact]
    public void A_counter_is_read_every_tick_so_a_failed_last_read_leaves_the_power_of_the_good_ones()
    {
        using var counter = new ScriptedCounter(t => t.TotalSeconds < 4.5 ? 10 * t.TotalSeconds : null);
        var meter = ManualMeter(out _);
        var baseline = meter.Measure([counter], TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);
        var result = Assert.Single(baseline.Probes);
        Assert.Equal(new Watts(10), result.Power); // 40 J by the last good read at 4 s
        Assert.Equal(1, result.Faults);
        Assert.Equal(5, counter.Reads);
    }

    [Fact]
    public void Non_positive_duration_is_rejected()
    {
        var meter = ManualMeter(out _);
        Assert.Throws<ArgumentOutOfRangeException>(() => meter.Measure([], TimeSpan.Zero, TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken));
    }

    private sealed class ScriptedCounter(Func<TimeSpan, double?> joules) : IEnergyCounter
    {
        public int Reads { get; private set; }

        public ProbeDescriptor Descriptor { get; } = new("scripted", PowerComponent.Cpu, EnergySource.Measured, "test");

        public void Start() { }

        public bool TryReadEnergy(TimeSpan elapsed, out Joules energySinceStart)
        {
            Reads++;
            var value = joules(elapsed);
            energySinceStart = new Joules(value ?? 0);
            return value is not null;
        }

        public void Dispose() { }
    }

    private sealed class FailingSensor : IPowerSensor
    {
        private int reads;

        public ProbeDescriptor Descriptor { get; } = new("broken", PowerComponent.Gpu, EnergySource.Measured, "fails");

        public void Start() { }

        public bool TryReadPower(TimeSpan elapsed, out Watts power)
        {
            power = new Watts(double.NaN);
            return ++reads % 2 == 0 ? throw new IOException("gone") : true;
        }

        public void Dispose() { }
    }
}
