using System.Diagnostics;
using EnergyFacts.Probes.Constant;
using EnergyFacts.Probes.FaultInjection;
using EnergyFacts.Probes.Integration;
using EnergyFacts.Probes.Replay;

namespace EnergyFacts.Probes.Tests.FaultInjection;

/// <summary>
/// Each injected misbehaviour, read through the integration engine on a clock the test chooses (one read per second),
/// lands as exactly the fault kind it should, and costs only its own reads.
/// </summary>
public sealed class FaultInjectingProbeTests
{
    private const int Reads = 6;

    // The theories take enum names: the enums are internal, and a public test method cannot have internal parameter types.
    [Theory]
    [InlineData("Throw", "Threw")]
    [InlineData("NotANumber", "NotFinite")]
    [InlineData("Infinity", "NotFinite")]
    [InlineData("Negative", "Negative")]
    [InlineData("Absurd", "Implausible")]
    public void A_sensor_fault_at_one_read_is_one_fault_of_its_kind_and_one_interpolated_second(string injectedName, string expectedName)
    {
        var injected = Enum.Parse<InjectedFault>(injectedName);
        var expected = Enum.Parse<ProbeFault>(expectedName);
        using var probe = FaultyProbes.Wrap(
            new ConstantPowerProbe(PowerComponent.Cpu, new Watts(40)), FaultSchedule.Listed(TimeSpan.Zero, (2, injected)));
        var integrated = ReadEverySecond(probe);

        Assert.Equal(1, integrated.Integrator.FaultsOf(expected));
        Assert.Equal(1, integrated.Integrator.Faults);
        Assert.Equal(40.0 * (Reads - 1), integrated.Integrator.Energy.Value, 1e-9); // 40 W interpolated across the gap
        Assert.Equal(TimeSpan.FromSeconds(1), integrated.UncoveredTime);
        Assert.Equal(1, FaultyProbes.InjectorOf(probe).Injected(injected));
    }

    [Theory]
    [InlineData("Throw", "Threw")]
    [InlineData("NotANumber", "NotFinite")]
    [InlineData("Negative", "Negative")]
    [InlineData("Absurd", "Implausible")]
    public void A_counter_fault_in_the_middle_is_recovered_by_the_next_good_reading(string injectedName, string expectedName)
    {
        var injected = Enum.Parse<InjectedFault>(injectedName);
        var expected = Enum.Parse<ProbeFault>(expectedName);
        using var probe = FaultyProbes.Wrap(ReplayCounter(100), FaultSchedule.Listed(TimeSpan.Zero, (2, injected)));
        var integrated = ReadEverySecond(probe);

        Assert.Equal(1, integrated.Integrator.FaultsOf(expected));
        Assert.Equal(100.0 * (Reads - 1), integrated.Integrator.Energy.Value, 1e-9);
        Assert.Equal(TimeSpan.Zero, integrated.UncoveredTime); // a cumulative counter loses nothing to one bad read
    }

    [Fact]
    public void A_counter_reset_loses_the_energy_before_it_and_says_how_long_went_uncovered()
    {
        // 100 W: true readings 0,100,...,500 J; reset at read 3 (300 J) → the counter shows 0,100,200 J at reads 3..5.
        var wrapped = (FaultInjectingCounter)FaultyProbes.Wrap(ReplayCounter(100), FaultSchedule.Listed(TimeSpan.Zero, (3, InjectedFault.CounterReset)));
        using var probe = wrapped;
        var integrated = ReadEverySecond(probe);

        Assert.Equal(2, integrated.Integrator.FaultsOf(ProbeFault.CounterBackwards)); // 0 J and 100 J are below 200 J
        Assert.Equal(200, integrated.Integrator.Energy.Value, 1e-9); // 200 J seen at read 5, where 500 J were used
        Assert.Equal(TimeSpan.FromSeconds(3), integrated.UncoveredTime);
        Assert.Equal(300, wrapped.HiddenByReset.Value, 1e-9);
    }

    [Fact]
    public void A_vanished_probe_throws_on_every_later_read_and_its_tail_is_uncovered()
    {
        using var probe = FaultyProbes.Wrap(
            new ConstantPowerProbe(PowerComponent.Gpu, new Watts(250)), FaultSchedule.Listed(TimeSpan.Zero, (3, InjectedFault.Vanish)));
        var integrated = ReadEverySecond(probe);

        Assert.Equal(3, integrated.Integrator.FaultsOf(ProbeFault.Threw)); // reads 3, 4 and 5
        Assert.Equal(250.0 * 2, integrated.Integrator.Energy.Value, 1e-9); // reads 0..2 only
        Assert.Equal(TimeSpan.FromSeconds(3), integrated.UncoveredTime);
        Assert.Equal(2, FaultyProbes.InjectorOf(probe).ReadsAfterVanishing);
    }

    [Fact]
    public void A_stalled_read_blocks_for_the_stall_and_then_answers_truthfully()
    {
        using var probe = (IPowerSensor)FaultyProbes.Wrap(
            new ConstantPowerProbe(PowerComponent.Cpu, new Watts(7)), FaultSchedule.Listed(TimeSpan.FromMilliseconds(200), (1, InjectedFault.Stall)));
        Assert.True(probe.TryReadPower(TimeSpan.Zero, out _));
        var watch = Stopwatch.StartNew();
        Assert.True(probe.TryReadPower(TimeSpan.FromSeconds(1), out var power));

        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(190), $"the stall lasted only {watch.Elapsed.TotalMilliseconds} ms");
        Assert.Equal(new Watts(7), power);
    }

    [Fact]
    public void Disposing_the_probe_ends_an_endless_stall()
    {
        var probe = (IPowerSensor)FaultyProbes.Wrap(
            new ConstantPowerProbe(PowerComponent.Cpu, new Watts(7)), FaultSchedule.Listed(Timeout.InfiniteTimeSpan, (0, InjectedFault.Stall)));
        var reader = new Thread(() => probe.TryReadPower(TimeSpan.Zero, out _)) { IsBackground = true };
        reader.Start();
        Assert.False(reader.Join(TimeSpan.FromMilliseconds(100)), "an endless stall returned by itself");

        probe.Dispose();

        Assert.True(reader.Join(TimeSpan.FromSeconds(10)), "disposing the probe did not release the stalled read");
    }

    private static ReplayProbe ReplayCounter(double watts) =>
        new(PowerTrace.Parse("fault.csv", [PowerTrace.Header, $"0,{watts},0,0"]), PowerComponent.Cpu);

    private static IntegratedProbe ReadEverySecond(IPowerProbe probe)
    {
        var integrated = new IntegratedProbe(probe);
        probe.Start();
        for (var second = 0; second < Reads; second++)
        {
            integrated.Sample(TimeSpan.FromSeconds(second));
        }

        return integrated;
    }
}
