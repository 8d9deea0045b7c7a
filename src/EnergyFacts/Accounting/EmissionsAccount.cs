using EnergyFacts.Probes;

namespace EnergyFacts.Accounting;

/// <summary>
/// The facility energy, emissions and water of one measured window. Energies include the PUE, exactly as CodeCarbon
/// multiplies PUE into every component's energy; powers stay at the hardware level.
/// </summary>
internal sealed record EmissionsAccount
{
    /// <summary>Length of the window.</summary>
    public required TimeSpan Duration { get; init; }

    /// <summary>Energy the hardware used (sum of components), before PUE.</summary>
    public required Joules ItEnergy { get; init; }

    /// <summary>Facility energy: <see cref="ItEnergy"/> × PUE.</summary>
    public required Joules FacilityEnergy { get; init; }

    /// <summary>CPU energy × PUE (CodeCarbon's <c>cpu_energy</c>).</summary>
    public required KilowattHours CpuEnergy { get; init; }

    /// <summary>GPU energy × PUE (CodeCarbon's <c>gpu_energy</c>).</summary>
    public required KilowattHours GpuEnergy { get; init; }

    /// <summary>RAM energy × PUE (CodeCarbon's <c>ram_energy</c>).</summary>
    public required KilowattHours RamEnergy { get; init; }

    /// <summary>Facility energy in kWh (CodeCarbon's <c>energy_consumed</c>).</summary>
    public required KilowattHours EnergyConsumed { get; init; }

    /// <summary>Emissions: <see cref="EnergyConsumed"/> × grid carbon intensity.</summary>
    public required KilogramsCo2e Emissions { get; init; }

    /// <summary>Emissions per second of the window in kg CO2eq/s; 0 for an empty window.</summary>
    public required double EmissionsRateKilogramsPerSecond { get; init; }

    /// <summary>Water: <see cref="EnergyConsumed"/> × WUE, in litres.</summary>
    public required double WaterLitres { get; init; }

    /// <summary>The carbon intensity used.</summary>
    public required GridCarbonIntensity Intensity { get; init; }

    /// <summary>The PUE applied.</summary>
    public required double Pue { get; init; }

    /// <summary>The WUE applied, in litres per kWh.</summary>
    public required double Wue { get; init; }

    /// <summary>The facility energy of one component in kWh.</summary>
    public KilowattHours EnergyOf(PowerComponent component) => component switch
    {
        PowerComponent.Cpu => CpuEnergy,
        PowerComponent.Gpu => GpuEnergy,
        PowerComponent.Ram => RamEnergy,
        _ => throw new ArgumentOutOfRangeException(nameof(component), component, "Expected cpu, gpu or ram."),
    };
}
