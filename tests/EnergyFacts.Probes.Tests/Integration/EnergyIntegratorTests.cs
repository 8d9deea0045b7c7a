using EnergyFacts.Probes.Constant;
using EnergyFacts.Probes.Integration;

namespace EnergyFacts.Probes.Tests.Integration;

public sealed class EnergyIntegratorTests
{
    [Fact]
    public void Power_is_integrated_by_the_trapezoid_rule_with_the_first_reading_held_back_to_the_start()
    {
        var integrator = new EnergyIntegrator(ReadingKind.Power);
        Assert.True(integrator.Add(2, 10));  // 10 W held over [0, 2 s]: 20 J
        Assert.True(integrator.Add(4, 30));  // (10 + 30) / 2 × 2 s: 40 J
        Assert.True(integrator.Add(5, 30));  // 30 J
        Assert.Equal(new Joules(90), integrator.Energy);
        Assert.Equal(3, integrator.Readings);
        Assert.Equal(5, integrator.LastSeconds);
        Assert.Equal(0, integrator.Faults);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(-1)]
    public void A_power_reading_that_is_not_a_finite_non_negative_number_is_a_fault_and_adds_nothing(double bad)
    {
        var integrator = new EnergyIntegrator(ReadingKind.Power);
        integrator.Add(1, 10);
        Assert.False(integrator.Add(2, bad));
        integrator.Add(3, 10); // the trapezoid spans the refused reading: 10 W over [1, 3 s]
        Assert.Equal(new Joules(30), integrator.Energy);
        Assert.Equal(1, integrator.Faults);
        Assert.Equal(2, integrator.Readings);
    }

    [Fact]
    public void A_counter_reading_is_the_energy_and_a_drop_is_a_fault_not_negative_energy()
    {
        var integrator = new EnergyIntegrator(ReadingKind.EnergySinceStart);
        integrator.Add(1, 5);
        integrator.Add(2, 10);
        Assert.False(integrator.Add(3, 3));
        integrator.Add(4, 12);
        Assert.Equal(new Joules(12), integrator.Energy);
        Assert.Equal(1, integrator.Faults);
        Assert.Equal(4, integrator.LastSeconds);
    }

    [Fact]
    public void Failed_reads_are_counted_as_faults()
    {
        var integrator = new EnergyIntegrator(ReadingKind.EnergySinceStart);
        integrator.AddFault();
        integrator.AddFault();
        Assert.Equal(2, integrator.Faults);
        Assert.Equal(0, integrator.Readings);
        Assert.Equal(Joules.Zero, integrator.Energy);
    }

    [Fact]
    public void A_probe_that_throws_costs_a_fault_not_an_exception()
    {
        var probe = new IntegratedProbe(new ThrowingCounter());
        Assert.False(probe.Sample(TimeSpan.FromSeconds(1)));
        Assert.Equal(1, probe.Integrator.Faults);
    }

    [Fact]
    public void A_sensor_probe_is_integrated_as_power()
    {
        using var constant = new ConstantPowerProbe(PowerComponent.Ram, new Watts(4));
        var probe = new IntegratedProbe(constant);
        Assert.Equal(ReadingKind.Power, probe.Integrator.Kind);
        probe.Sample(TimeSpan.FromSeconds(0.5));
        probe.Sample(TimeSpan.FromSeconds(1.5));
        Assert.Equal(new Joules(6), probe.Integrator.Energy);
    }

    [Fact]
    public void A_probe_that_is_neither_sensor_nor_counter_is_refused()
    {
        var ex = Assert.Throws<ArgumentException>(() => new IntegratedProbe(new NeitherProbe()));
        Assert.Contains("Probe 'neither' implements neither IPowerSensor nor IEnergyCounter.", ex.Message, StringComparison.Ordinal);
    }

    private sealed class ThrowingCounter : IEnergyCounter
    {
        public ProbeDescriptor Descriptor { get; } = new("throws", PowerComponent.Cpu, EnergySource.Measured, "test");

        public void Start() { }

        public bool TryReadEnergy(TimeSpan elapsed, out Joules energySinceStart) => throw new IOException("gone");

        public void Dispose() { }
    }

    private sealed class NeitherProbe : IPowerProbe
    {
        public ProbeDescriptor Descriptor { get; } = new("neither", PowerComponent.Cpu, EnergySource.Measured, "test");

        public void Start() { }

        public void Dispose() { }
    }
}
