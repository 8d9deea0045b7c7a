using EnergyFacts.Probes.FaultInjection;

namespace EnergyFacts.Probes.Tests.FaultInjection;

public sealed class FaultScheduleTests
{
    private static readonly InjectedFault[] EveryKind = Enum.GetValues<InjectedFault>();

    [Fact]
    public void The_same_seed_schedules_the_same_faults_and_another_seed_other_faults()
    {
        var first = FaultSchedule.Seeded(42, 1_000, 0.2, TimeSpan.Zero, [.. EveryKind.Where(k => k != InjectedFault.Vanish)]);
        var again = FaultSchedule.Seeded(42, 1_000, 0.2, TimeSpan.Zero, [.. EveryKind.Where(k => k != InjectedFault.Vanish)]);
        var other = FaultSchedule.Seeded(43, 1_000, 0.2, TimeSpan.Zero, [.. EveryKind.Where(k => k != InjectedFault.Vanish)]);

        Assert.Equal(first.Faults, again.Faults);
        Assert.NotEqual(first.Faults, other.Faults);
        Assert.InRange(first.Faults.Count(), 150, 250); // 20 % of 999 reads
    }

    [Fact]
    public void The_opening_read_is_never_faulted_and_nothing_is_scheduled_after_a_vanish()
    {
        for (var seed = 0; seed < 50; seed++)
        {
            var schedule = FaultSchedule.Seeded(seed, 200, 0.5, TimeSpan.Zero, EveryKind);
            var faults = schedule.Faults.ToList();
            Assert.DoesNotContain(faults, f => f.Key == 0);
            var vanish = faults.FindIndex(f => f.Value == InjectedFault.Vanish);
            Assert.True(vanish < 0 || vanish == faults.Count - 1, $"seed {seed}: faults scheduled after the probe vanished");
        }
    }

    [Fact]
    public void A_listed_schedule_refuses_a_read_scheduled_twice()
    {
        var ex = Assert.Throws<ArgumentException>(() =>
            FaultSchedule.Listed(TimeSpan.Zero, (3, InjectedFault.Throw), (3, InjectedFault.Negative)));
        Assert.Contains("Read 3 is scheduled twice", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_counter_reset_cannot_be_scheduled_on_a_power_sensor()
    {
        using var sensor = new Constant.ConstantPowerProbe(PowerComponent.Cpu, new Watts(10));
        var ex = Assert.Throws<ArgumentException>(() =>
            FaultyProbes.Wrap(sensor, FaultSchedule.Listed(TimeSpan.Zero, (1, InjectedFault.CounterReset))));
        Assert.Contains("no counter to reset", ex.Message, StringComparison.Ordinal);
    }
}
