using EnergyFacts.Results;
using System.Diagnostics;
using EnergyFacts.Measurement;
using EnergyFacts.Probes;
using EnergyFacts.Probes.Constant;
using EnergyFacts.Probes.FaultInjection;
using EnergyFacts.Probes.Integration;
using EnergyFacts.Probes.Replay;

namespace EnergyFacts.Tests.Reliability;

/// <summary>
/// A three-probe session (cpu faulty, gpu replayed, ram constant) with one injected fault kind on the cpu probe, read on
/// the probes' own reader threads but on a clock the test chooses (one tick a second): the session keeps measuring, the
/// healthy components are exact and unlabelled, and the faulty one is labelled partial with its fault kind, its count
/// and the seconds it left uncovered.
/// </summary>
public sealed class ProbeFaultSessionTests
{
    private const int Ticks = 11; // the opening read plus 10 s
    private static readonly long OneSecond = Stopwatch.Frequency;

    [Theory]
    [InlineData("Throw", "Threw", 1, 0)]
    [InlineData("NotANumber", "NotFinite", 1, 0)]
    [InlineData("Infinity", "NotFinite", 1, 0)]
    [InlineData("Negative", "Negative", 1, 0)]
    [InlineData("Absurd", "Implausible", 1, 0)]
    [InlineData("Vanish", "Threw", 6, 6)] // reads 5..10 all throw; 6 s after the last good reading
    [InlineData("CounterReset", "CounterBackwards", 4, 5)] // 0..300 J below the 400 J before it; the catch-up read's interval is lost too
    public void One_fault_kind_is_recorded_by_kind_and_count_and_the_other_probes_are_untouched(
        string injectedName, string expectedName, int expectedFaults, int expectedUncoveredSeconds)
    {
        var injected = Enum.Parse<InjectedFault>(injectedName);
        var expected = Enum.Parse<ProbeFault>(expectedName);
        using var cpu = FaultyProbes.Wrap(ReplayCpu(100), FaultSchedule.Listed(TimeSpan.Zero, (5, injected)));
        using var gpu = new ReplayProbe(PowerTrace.Parse("gpu.csv", [PowerTrace.Header, "0,0,200,0"]), PowerComponent.Gpu);
        using var ram = new ConstantPowerProbe(PowerComponent.Ram, new Watts(5));

        var components = RunSession([cpu, gpu, ram]);

        var faulty = components[0];
        Assert.Equal(expectedFaults, faulty.Faults);
        Assert.Equal(new Dictionary<ProbeFault, int> { [expected] = expectedFaults }, faulty.FaultsByKind);
        Assert.Equal("replayed-partial", FileTokens.SourceOf(faulty));
        Assert.Equal(TimeSpan.FromSeconds(expectedUncoveredSeconds), faulty.UncoveredTime);
        Assert.Equal(new Joules(200 * 10), components[1].Energy);
        Assert.Equal(new Joules(5 * 10), components[2].Energy);
        Assert.Equal(["replayed", "estimated"], components.Skip(1).Select(c => FileTokens.SourceOf(c)));
        Assert.All(components.Skip(1), c => Assert.Empty(c.FaultsByKind));
    }

    [Fact]
    public void A_seeded_mix_of_every_fault_kind_on_every_probe_leaves_a_measurement_whose_counts_match_the_injections()
    {
        var sensorKinds = new[] { InjectedFault.Throw, InjectedFault.NotANumber, InjectedFault.Infinity, InjectedFault.Negative, InjectedFault.Absurd };
        using var cpu = FaultyProbes.Wrap(ReplayCpu(100), FaultSchedule.Seeded(7, Ticks, 0.3, TimeSpan.Zero, [.. sensorKinds]));
        using var ram = FaultyProbes.Wrap(new ConstantPowerProbe(PowerComponent.Ram, new Watts(5)), FaultSchedule.Seeded(8, Ticks, 0.3, TimeSpan.Zero, sensorKinds));

        var components = RunSession([cpu, ram]);

        foreach (var (probe, component) in new[] { (cpu, components[0]), (ram, components[2]) })
        {
            var injector = FaultyProbes.InjectorOf(probe);
            var injectedTotal = sensorKinds.Sum(injector.Injected);
            Assert.True(injectedTotal > 0, "the seed injected nothing; the test would prove nothing");
            Assert.Equal(injectedTotal, component.Faults);
            Assert.Equal(injector.Injected(InjectedFault.Throw), component.FaultsByKind.GetValueOrDefault(ProbeFault.Threw));
            Assert.Equal(
                injector.Injected(InjectedFault.NotANumber) + injector.Injected(InjectedFault.Infinity),
                component.FaultsByKind.GetValueOrDefault(ProbeFault.NotFinite));
            Assert.Equal(injector.Injected(InjectedFault.Negative), component.FaultsByKind.GetValueOrDefault(ProbeFault.Negative));
            Assert.Equal(injector.Injected(InjectedFault.Absurd), component.FaultsByKind.GetValueOrDefault(ProbeFault.Implausible));
        }

        Assert.Equal(new Joules(100 * 10), components[0].Energy); // a counter recovers every gap
    }

    private static ReplayProbe ReplayCpu(double watts) =>
        new(PowerTrace.Parse("cpu.csv", [PowerTrace.Header, $"0,{watts},0,0"]), PowerComponent.Cpu);

    private static IReadOnlyList<ComponentEnergy> RunSession(IReadOnlyList<IPowerProbe> probes)
    {
        using var window = new SamplingWindow(probes, readDeadline: TimeSpan.FromSeconds(10));
        window.StartProbes();
        const long start = 1_000;
        window.Open(start);
        for (var second = 1; second < Ticks; second++)
        {
            window.Tick(start + (second * OneSecond));
        }

        window.StopReaders();
        Assert.Empty(window.AbandonedProbes);
        return window.Components(TimeSpan.FromSeconds(Ticks - 1));
    }
}
