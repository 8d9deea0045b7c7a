namespace EnergyFacts.Probes.FaultInjection;

/// <summary>A power sensor that misbehaves on the reads its <see cref="FaultSchedule"/> names and reads the wrapped sensor otherwise.</summary>
internal sealed class FaultInjectingSensor : IPowerSensor
{
    private readonly IPowerSensor inner;

    /// <summary>Wraps <paramref name="inner"/> (owned: disposed with this probe).</summary>
    /// <exception cref="ArgumentException">The schedule holds a <see cref="InjectedFault.CounterReset"/>, which a sensor cannot show.</exception>
    public FaultInjectingSensor(IPowerSensor inner, FaultSchedule schedule)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(schedule);
        if (schedule.Faults.Any(f => f.Value == InjectedFault.CounterReset))
        {
            throw new ArgumentException("A power sensor has no counter to reset; schedule CounterReset on an energy counter.", nameof(schedule));
        }

        this.inner = inner;
        Injector = new FaultInjector(schedule);
    }

    /// <inheritdoc/>
    public ProbeDescriptor Descriptor => inner.Descriptor;

    /// <summary>What was injected so far.</summary>
    public FaultInjector Injector { get; }

    /// <inheritdoc/>
    public void Start() => inner.Start();

    /// <inheritdoc/>
    public bool TryReadPower(TimeSpan elapsed, out Watts power)
    {
        var fault = Injector.BeginRead(Descriptor.Id);
        var ok = inner.TryReadPower(elapsed, out power);
        power = fault switch
        {
            InjectedFault.NotANumber => new Watts(double.NaN),
            InjectedFault.Infinity => new Watts(double.PositiveInfinity),
            InjectedFault.Negative => new Watts(-1),
            InjectedFault.Absurd => new Watts(FaultInjector.AbsurdValue),
            _ => power,
        };
        return ok || fault is not null;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        Injector.Dispose();
        inner.Dispose();
    }
}
