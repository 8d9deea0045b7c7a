namespace EnergyFacts.Probes.Constant;

/// <summary>A declared, fixed power for one component. Labelled estimated: nothing is measured.</summary>
internal sealed class ConstantPowerProbe : IPowerSensor
{
    private readonly Watts power;

    /// <summary>Creates a probe that always reads <paramref name="power"/>.</summary>
    public ConstantPowerProbe(PowerComponent component, Watts power)
    {
        this.power = power;
        Descriptor = new ProbeDescriptor(
            $"constant:{component.ToString().ToLowerInvariant()}", component, EnergySource.Estimated,
            $"declared constant {power}");
    }

    /// <inheritdoc/>
    public ProbeDescriptor Descriptor { get; }

    /// <inheritdoc/>
    public void Start() { }

    /// <inheritdoc/>
    public bool TryReadPower(TimeSpan elapsed, out Watts power)
    {
        power = this.power;
        return true;
    }

    /// <inheritdoc/>
    public void Dispose() { }
}
