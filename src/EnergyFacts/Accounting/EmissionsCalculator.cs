using EnergyFacts.Measurement;
using EnergyFacts.Probes;

namespace EnergyFacts.Accounting;

/// <summary>Turns measured energy into facility energy (× PUE), emissions (× carbon intensity) and water (× WUE).</summary>
internal sealed class EmissionsCalculator
{
    /// <summary>Creates a calculator for one location and data centre.</summary>
    /// <param name="settings">PUE and WUE (and the country the intensity was looked up for).</param>
    /// <param name="intensity">The grid's carbon intensity.</param>
    public EmissionsCalculator(AccountingSettings settings, GridCarbonIntensity intensity)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(intensity);
        Settings = settings;
        Intensity = intensity;
    }

    /// <summary>The settings applied.</summary>
    public AccountingSettings Settings { get; }

    /// <summary>The carbon intensity applied.</summary>
    public GridCarbonIntensity Intensity { get; }

    /// <summary>Creates a calculator, looking the settings' country up in <paramref name="table"/> (default: the embedded table).</summary>
    /// <exception cref="UnknownCountryCodeException">The settings name a country the table does not know.</exception>
    public static EmissionsCalculator For(AccountingSettings settings, CarbonIntensityTable? table = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new EmissionsCalculator(settings, (table ?? CarbonIntensityTable.Default).Lookup(settings.CountryIsoCode));
    }

    /// <summary>Accounts one measured window.</summary>
    public EmissionsAccount Account(EnergyMeasurement measurement)
    {
        ArgumentNullException.ThrowIfNull(measurement);
        return Account(measurement.Components, measurement.Duration);
    }

    /// <summary>Accounts per-component energies over a window of <paramref name="duration"/>.</summary>
    /// <param name="components">Energy per component; a component that is absent counts as zero.</param>
    /// <param name="duration">Length of the window (for the emissions rate).</param>
    public EmissionsAccount Account(IReadOnlyList<ComponentEnergy> components, TimeSpan duration)
    {
        ArgumentNullException.ThrowIfNull(components);
        var it = components.Aggregate(Joules.Zero, (sum, c) => sum + c.Energy);
        var consumed = ToFacilityKilowattHours(it);
        var emissions = Intensity.EmissionsOf(consumed);
        return new EmissionsAccount
        {
            Duration = duration,
            ItEnergy = it,
            FacilityEnergy = it * Settings.Pue,
            CpuEnergy = ComponentKilowattHours(components, PowerComponent.Cpu),
            GpuEnergy = ComponentKilowattHours(components, PowerComponent.Gpu),
            RamEnergy = ComponentKilowattHours(components, PowerComponent.Ram),
            EnergyConsumed = consumed,
            Emissions = emissions,
            EmissionsRateKilogramsPerSecond = duration > TimeSpan.Zero ? emissions.Value / duration.TotalSeconds : 0d,
            WaterLitres = consumed.Value * Settings.Wue,
            Intensity = Intensity,
            Pue = Settings.Pue,
            Wue = Settings.Wue,
        };
    }

    /// <summary>Emissions of an amount of hardware energy (PUE applied), e.g. for checking a CO2 budget.</summary>
    public KilogramsCo2e EmissionsOf(Joules itEnergy) => Intensity.EmissionsOf(ToFacilityKilowattHours(itEnergy));

    private KilowattHours ToFacilityKilowattHours(Joules energy) =>
        new(energy.Value * Settings.Pue / Joules.PerKilowattHour);

    private KilowattHours ComponentKilowattHours(IReadOnlyList<ComponentEnergy> components, PowerComponent component) =>
        ToFacilityKilowattHours(components.Where(c => c.Component == component).Aggregate(Joules.Zero, (s, c) => s + c.Energy));
}
