using EnergyFacts.Results;
using EnergyFacts.Measurement;
using EnergyFacts.Probes;
using EnergyFacts.Probes.Replay;

namespace EnergyFacts.Tests.Measurement;

public sealed class EnergySamplerTests
{
    private static PowerTrace Trace(params string[] rows) => PowerTrace.Parse("test.csv", [PowerTrace.Header, .. rows]);

    [Fact]
    public void A_100_W_replay_integrates_to_100_W_times_the_measured_duration()
    {
        var trace = Trace("0,100,0,0");
        using var probe = new ReplayProbe(trace, PowerComponent.Cpu);
        using var sampler = new EnergySampler([probe], TimeSpan.FromMilliseconds(10));

        sampler.Start();
        Thread.Sleep(250);
        var measurement = sampler.Stop();

        var expected = 100 * measurement.Duration.TotalSeconds;
        Assert.Equal(expected, measurement[PowerComponent.Cpu].Energy.Value, expected * 0.01);
        Assert.Equal(EnergySource.Replayed, measurement[PowerComponent.Cpu].Source);
        Assert.InRange(measurement.Duration.TotalMilliseconds, 250, 5_000);
        Assert.True(measurement.SampleCount >= 2, $"only {measurement.SampleCount} samples");
    }

    [Fact]
    public void A_ramp_replay_gives_the_trapezoid_integral()
    {
        // 0 W at t=0 rising to 1000 W at t=1 s, then held: E(t) = 500 t² for t ≤ 1.
        var trace = Trace("0,0,0,0", "1,1000,0,0");
        using var probe = new ReplayProbe(trace, PowerComponent.Cpu);
        Assert.True(probe.TryReadEnergy(TimeSpan.FromSeconds(0.5), out var half));
        Assert.True(probe.TryReadEnergy(TimeSpan.FromSeconds(2), out var twoSeconds));
        Assert.Equal(125, half.Value, 1e-9);
        Assert.Equal(500 + 1000, twoSeconds.Value, 1e-9);
    }

    [Fact]
    public void A_power_sensor_is_integrated_by_the_trapezoid_rule()
    {
        using var probe = new FakeSensor(PowerComponent.Gpu, _ => 50);
        using var sampler = new EnergySampler([probe], TimeSpan.FromMilliseconds(5));

        sampler.Start();
        Thread.Sleep(200);
        var measurement = sampler.Stop();

        var gpu = measurement[PowerComponent.Gpu];
        Assert.Equal(50 * measurement.Duration.TotalSeconds, gpu.Energy.Value, 50 * measurement.Duration.TotalSeconds * 0.01);
        Assert.Equal(50, gpu.MeanPower.Value, 0.5);
        Assert.Equal("measured", FileTokens.SourceOf(gpu));
        Assert.Equal("none", FileTokens.SourceOf(measurement[PowerComponent.Cpu]));
        Assert.Equal(0, measurement[PowerComponent.Cpu].Energy.Value);
    }

    [Fact]
    public void Failed_reads_are_dropped_counted_and_label_the_component_partial()
    {
        var calls = 0;
        using var probe = new FakeSensor(PowerComponent.Cpu, _ =>
        {
            calls++;
            return calls % 3 == 0 ? throw new IOException("file vanished") : calls % 3 == 1 ? double.NaN : 20;
        });
        using var sampler = new EnergySampler([probe], TimeSpan.FromMilliseconds(5));

        sampler.Start();
        Thread.Sleep(150);
        var cpu = sampler.Stop()[PowerComponent.Cpu];

        Assert.True(cpu.Faults > 0);
        Assert.True(cpu.Partial);
        Assert.Equal("measured-partial", FileTokens.SourceOf(cpu));
        Assert.True(cpu.Energy.Value > 0, "good samples still count");
    }

    [Fact]
    public void A_counter_that_goes_backwards_is_a_fault_not_negative_energy()
    {
        var values = new Queue<double>([0, 5, 10, 3, 12]);
        using var drained = new ManualResetEventSlim();
        using var probe = new FakeCounter(PowerComponent.Cpu, () =>
        {
            if (values.Count == 1)
            {
                drained.Set();
                return values.Peek();
            }

            return values.Dequeue();
        });
        using var sampler = new EnergySampler([probe], TimeSpan.FromMilliseconds(2));

        sampler.Start();
        Assert.True(drained.Wait(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken), "the sampler never read the whole sequence");
        var cpu = sampler.Stop()[PowerComponent.Cpu];

        Assert.Equal(12, cpu.Energy.Value);
        Assert.Equal(1, cpu.Faults);
    }

    [Fact]
    public void Marks_measure_a_phase_inside_the_window()
    {
        using var probe = new ReplayProbe(Trace("0,100,0,0"), PowerComponent.Cpu);
        using var sampler = new EnergySampler([probe], TimeSpan.FromMilliseconds(50));
        sampler.Start();
        var before = sampler.Mark()[PowerComponent.Cpu];
        Thread.Sleep(100);
        var after = sampler.Mark()[PowerComponent.Cpu];
        var total = sampler.Stop()[PowerComponent.Cpu].Energy;

        Assert.InRange((after - before).Value, 9.5, 100 * 5);
        Assert.True(total >= after);
    }

    [Fact]
    public void The_sampler_reports_its_own_cpu_time()
    {
        using var probe = new FakeSensor(PowerComponent.Cpu, _ => 1);
        using var sampler = new EnergySampler([probe], TimeSpan.FromMilliseconds(1));
        sampler.Start();
        Thread.Sleep(100);
        var measurement = sampler.Stop();

        Assert.True(measurement.SamplerCpuTime > TimeSpan.Zero);
        Assert.True(measurement.SamplerCpuTime < measurement.Duration);
    }

    [Fact]
    public void A_window_shorter_than_a_counters_update_period_is_flagged()
    {
        using var probe = new FakeCounter(PowerComponent.Gpu, () => 0) { Period = TimeSpan.FromSeconds(30) };
        using var sampler = new EnergySampler([probe], TimeSpan.FromMilliseconds(10));
        sampler.Start();
        var measurement = sampler.Stop();

        var warning = Assert.Single(measurement.Warnings);
        Assert.Contains("fake-counter's update period (~30000 ms)", warning, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void An_interval_below_one_millisecond_is_refused(int milliseconds)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new EnergySampler([], TimeSpan.FromMilliseconds(milliseconds)));
        Assert.Contains("between 1 ms and 1 hour", ex.Message, StringComparison.Ordinal);
    }

    private sealed class FakeSensor(PowerComponent component, Func<TimeSpan, double> watts) : IPowerSensor
    {
        public ProbeDescriptor Descriptor { get; } = new("fake-sensor", component, EnergySource.Measured, "test");

        public void Start() { }

        public bool TryReadPower(TimeSpan elapsed, out Watts power)
        {
            power = new Watts(watts(elapsed));
            return true;
        }

        public void Dispose() { }
    }

    private sealed class FakeCounter(PowerComponent component, Func<double> joules) : IEnergyCounter
    {
        public TimeSpan? Period { get; init; }

        public ProbeDescriptor Descriptor => new("fake-counter", component, EnergySource.Measured, "test") { MinimumUpdatePeriod = Period };

        public void Start() { }

        public bool TryReadEnergy(TimeSpan elapsed, out Joules energySinceStart)
        {
            energySinceStart = new Joules(joules());
            return true;
        }

        public void Dispose() { }
    }

    [Fact]
    public async Task A_stop_that_arrives_before_the_first_wait_still_closes_the_window_with_a_duration_of_zero_or_more()
    {
        // A loaded machine can keep the sampler thread from its first wait for a whole short window; a stop that
        // arrived then once left the window's end unset: a duration of minus the machine's uptime. Made to happen here.
        var trace = Trace("0,100,0,0");
        using var probe = new ReplayProbe(trace, PowerComponent.Cpu);
        using var hold = new ManualResetEventSlim();
        using var sampler = new EnergySampler([probe], TimeSpan.FromMilliseconds(50)) { HoldBeforeFirstWait = hold };
        sampler.Start();
        Thread.Sleep(30);
        var release = Task.Run(() =>
        {
            while (sampler.IsRunning)
            {
                Thread.Sleep(1);
            }

            hold.Set();
        }, TestContext.Current.CancellationToken);

        var measurement = sampler.Stop();
        await release;

        Assert.InRange(measurement.Duration, TimeSpan.FromMilliseconds(25), TimeSpan.FromSeconds(30));
        Assert.Equal(100 * measurement.Duration.TotalSeconds, measurement[PowerComponent.Cpu].Energy.Value, 1e-6);
    }
}
