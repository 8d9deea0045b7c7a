namespace EnergyFacts.Probes;

/// <summary>The probes chosen for a run, with the reasons for each choice.</summary>
public sealed class ProbeSelection : IDisposable
{
    /// <summary>Creates a selection.</summary>
    public ProbeSelection(IReadOnlyList<IPowerProbe> probes, IReadOnlyList<string> notes)
    {
        Probes = probes;
        Notes = notes;
    }

    /// <summary>The chosen probes; at most one provider per component.</summary>
    public IReadOnlyList<IPowerProbe> Probes { get; }

    /// <summary>Human-readable reasons: which provider covers which component, and why others were passed over.</summary>
    public IReadOnlyList<string> Notes { get; }

    /// <summary>Components that no probe covers; their energy is reported as zero with source "none".</summary>
    public IEnumerable<PowerComponent> UncoveredComponents =>
        Enum.GetValues<PowerComponent>().Where(c => Probes.All(p => p.Descriptor.Component != c));

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var probe in Probes)
        {
            probe.Dispose();
        }
    }
}
