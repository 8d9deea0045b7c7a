namespace EnergyFacts.Probes.FaultInjection;

/// <summary>An energy counter that misbehaves on the reads its <see cref="FaultSchedule"/> names and reads the wrapped counter otherwise.</summary>
internal sealed class FaultInjectingCounter : IEnergyCounter
{
    private readonly IEnergyCounter inner;
    private double resetOffsetJoules;

    /// <summary>Wraps <paramref name="inner"/> (owned: disposed with this probe).</summary>
    public FaultInjectingCounter(IEnergyCounter inner, FaultSchedule schedule)
    {
        ArgumentNullException.ThrowIfNull(inner);
        this.inner = inner;
        Injector = new FaultInjector(schedule);
    }

    /// <inheritdoc/>
    public ProbeDescriptor Descriptor => inner.Descriptor;

    /// <summary>What was injected so far.</summary>
    public FaultInjector Injector { get; }

    /// <summary>Energy the wrapped counter had counted when it was last reset: what a reader of this counter can no longer see.</summary>
    public Joules HiddenByReset => new(resetOffsetJoules);

    /// <inheritdoc/>
    public void Start()
    {
        resetOffsetJoules = 0;
        inner.Start();
    }

    /// <inheritdoc/>
    public bool TryReadEnergy(TimeSpan elapsed, out Joules energySinceStart)
    {
        var fault = Injector.BeginRead(Descriptor.Id);
        var ok = inner.TryReadEnergy(elapsed, out var truth);
        if (fault == InjectedFault.CounterReset)
        {
            resetOffsetJoules = truth.Value;
        }

        var seen = truth.Value - resetOffsetJoules;
        energySinceStart = fault switch
        {
            InjectedFault.NotANumber => new Joules(double.NaN),
            InjectedFault.Infinity => new Joules(double.PositiveInfinity),
            InjectedFault.Negative => new Joules(-1),
            InjectedFault.Absurd => new Joules(seen + FaultInjector.AbsurdValue),
            _ => new Joules(seen),
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
