namespace EnergyFacts.Probes.Rapl;

/// <summary>
/// One RAPL zone's <c>energy_uj</c> as an <see cref="IEnergyCounter"/>: exact microjoule deltas, wraps unwrapped with
/// <c>max_energy_range_uj</c>, resets counted as faults and re-baselined.
/// </summary>
internal sealed class RaplEnergyCounter : IEnergyCounter
{
    /// <summary>How often RAPL counters update (Intel time unit 976 µs).</summary>
    public static readonly TimeSpan UpdatePeriod = TimeSpan.FromMilliseconds(1);

    private readonly ICounterFile file;
    private readonly RaplCounterAccumulator accumulator;

    internal RaplEnergyCounter(RaplZone zone, ICounterFile file, double maxPlausibleWatts, string legend)
    {
        Zone = zone;
        this.file = file;
        accumulator = new RaplCounterAccumulator(zone.MaxEnergyRangeMicrojoules, maxPlausibleWatts);
        var component = zone.Kind == RaplZoneKind.Dram ? PowerComponent.Ram : PowerComponent.Cpu;
        Descriptor = new ProbeDescriptor("rapl:" + zone.DomainName, component, EnergySource.Measured, legend)
        {
            DeviceName = zone.DomainName,
            MinimumUpdatePeriod = UpdatePeriod,
        };
    }

    /// <summary>The zone read.</summary>
    public RaplZone Zone { get; }

    /// <inheritdoc/>
    public ProbeDescriptor Descriptor { get; }

    /// <summary>Wraps unwrapped so far in this session.</summary>
    public int Wraps => accumulator.Wraps;

    /// <summary>Resets and implausible jumps seen so far in this session (each also made a read return false).</summary>
    public int Faults => accumulator.Faults;

    /// <inheritdoc/>
    public void Start()
    {
        accumulator.Restart();
        if (file.TryRead(out var value))
        {
            accumulator.Advance(value, 0);
        }
    }

    /// <inheritdoc/>
    public bool TryReadEnergy(TimeSpan elapsed, out Joules energySinceStart)
    {
        energySinceStart = Joules.FromMicrojoules(accumulator.TotalMicrojoules);
        if (!file.TryRead(out var value))
        {
            return false;
        }

        var step = accumulator.Advance(value, elapsed.TotalSeconds);
        energySinceStart = Joules.FromMicrojoules(accumulator.TotalMicrojoules);
        return step is CounterStep.Advanced or CounterStep.Wrapped;
    }

    /// <inheritdoc/>
    public void Dispose() => file.Dispose();
}
