namespace EnergyFacts.Probes.Replay;

/// <summary>
/// Plays one column of a <see cref="PowerTrace"/> back as an energy counter whose value is the trace's exact integral,
/// so the energy a test sees does not depend on when the sampler happened to tick.
/// </summary>
internal sealed class ReplayProbe : IEnergyCounter
{
    private readonly PowerTrace trace;

    /// <summary>Creates a probe for one component of <paramref name="trace"/>.</summary>
    public ReplayProbe(PowerTrace trace, PowerComponent component)
    {
        ArgumentNullException.ThrowIfNull(trace);
        this.trace = trace;
        Descriptor = new ProbeDescriptor(
            $"replay:{component.ToString().ToLowerInvariant()}", component, EnergySource.Replayed,
            $"replayed from {trace.Path} ({trace.RowCount} rows, linear between rows, last row held)");
    }

    /// <inheritdoc/>
    public ProbeDescriptor Descriptor { get; }

    /// <inheritdoc/>
    public void Start() { }

    /// <inheritdoc/>
    public bool TryReadEnergy(TimeSpan elapsed, out Joules energySinceStart)
    {
        energySinceStart = trace.EnergyUntil(Descriptor.Component, elapsed.TotalSeconds);
        return true;
    }

    /// <inheritdoc/>
    public void Dispose() { }
}
