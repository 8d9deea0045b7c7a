using EnergyFacts.Accounting;
using EnergyFacts.Measurement;
using EnergyFacts.Probes;

namespace EnergyFacts.Tests.Accounting;

public sealed class EmissionsCalculatorTests
{
    // 500 g/kWh and round energies keep every figure exactly representable, so equality is exact.
    private static readonly GridCarbonIntensity Testland = new("TST", "Testland", 500, "test");

    private static ComponentEnergy Component(PowerComponent component, double joules) =>
        new(component, new Joules(joules), Watts.Zero, EnergySource.Replayed, ["replay"], 0);

    [Fact]
    public void Two_kilowatt_hours_at_500_g_make_one_kilogram()
    {
        var calculator = new EmissionsCalculator(new AccountingSettings(null), Testland);

        var account = calculator.Account([Component(PowerComponent.Cpu, 7_200_000)], TimeSpan.FromSeconds(100));

        Assert.Equal(2.0, account.EnergyConsumed.Value);
        Assert.Equal(1.0, account.Emissions.Value);
        Assert.Equal(0.01, account.EmissionsRateKilogramsPerSecond);
        Assert.Equal(7_200_000, account.ItEnergy.Value);
        Assert.Equal(7_200_000, account.FacilityEnergy.Value);
    }

    [Fact]
    public void Pue_multiplies_every_component_and_the_total_as_CodeCarbon_does()
    {
        var calculator = new EmissionsCalculator(new AccountingSettings(null, pue: 1.5, wue: 2.0), Testland);

        var account = calculator.Account(
            [Component(PowerComponent.Cpu, 1_200_000), Component(PowerComponent.Gpu, 600_000), Component(PowerComponent.Ram, 600_000)],
            TimeSpan.FromSeconds(10));

        Assert.Equal(0.5, account.CpuEnergy.Value);
        Assert.Equal(0.25, account.GpuEnergy.Value);
        Assert.Equal(0.25, account.RamEnergy.Value);
        Assert.Equal(1.0, account.EnergyConsumed.Value);
        Assert.Equal(2_400_000, account.ItEnergy.Value);
        Assert.Equal(3_600_000, account.FacilityEnergy.Value);
        Assert.Equal(0.5, account.Emissions.Value);
        Assert.Equal(0.05, account.EmissionsRateKilogramsPerSecond);
        Assert.Equal(2.0, account.WaterLitres);
        Assert.Equal(1.5, account.Pue);
        Assert.Equal(2.0, account.Wue);
    }

    [Fact]
    public void France_uses_its_table_intensity()
    {
        var calculator = EmissionsCalculator.For(new AccountingSettings("FRA"));

        var account = calculator.Account([Component(PowerComponent.Cpu, 3_600_000)], TimeSpan.FromSeconds(1));

        Assert.Equal(1.0, account.EnergyConsumed.Value);
        Assert.Equal(56.039 / 1000, account.Emissions.Value);
        Assert.Equal("France", account.Intensity.CountryName);
    }

    [Fact]
    public void Missing_components_count_as_zero_and_an_empty_window_has_rate_zero()
    {
        var calculator = new EmissionsCalculator(new AccountingSettings(null), Testland);

        var account = calculator.Account([Component(PowerComponent.Ram, 3_600_000)], TimeSpan.Zero);

        Assert.Equal(0.0, account.CpuEnergy.Value);
        Assert.Equal(0.0, account.GpuEnergy.Value);
        Assert.Equal(1.0, account.RamEnergy.Value);
        Assert.Equal(0.0, account.EmissionsRateKilogramsPerSecond);
    }

    [Fact]
    public void A_whole_measurement_is_accounted_from_its_components_and_duration()
    {
        var calculator = new EmissionsCalculator(new AccountingSettings(null, pue: 2.0), Testland);
        var measurement = new EnergyMeasurement
        {
            StartedAt = DateTimeOffset.UnixEpoch,
            Duration = TimeSpan.FromSeconds(36),
            Components = [Component(PowerComponent.Cpu, 1_800_000), Component(PowerComponent.Gpu, 0), Component(PowerComponent.Ram, 0)],
            SampleCount = 2,
            Interval = TimeSpan.FromMilliseconds(100),
            SamplerCpuTime = TimeSpan.Zero,
        };

        var account = calculator.Account(measurement);

        Assert.Equal(1.0, account.EnergyConsumed.Value);
        Assert.Equal(0.5, account.Emissions.Value);
        Assert.Equal(TimeSpan.FromSeconds(36), account.Duration);
        Assert.Equal(0.5, calculator.EmissionsOf(new Joules(1_800_000)).Value);
    }

    [Fact]
    public void An_unknown_country_in_the_settings_fails_when_the_calculator_is_made()
    {
        Assert.Throws<UnknownCountryCodeException>(() => EmissionsCalculator.For(new AccountingSettings("XXX")));
    }
}
