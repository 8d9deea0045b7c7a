namespace EnergyFacts.Probes;

/// <summary>What a provider can offer on this machine.</summary>
/// <param name="Probes">Probes created (empty when unavailable); ownership passes to the caller.</param>
/// <param name="UnavailableReason">Why nothing is offered (e.g. "no /sys/class/powercap"), with the remedy when there is one.</param>
public sealed record ProbeOffer(IReadOnlyList<IPowerProbe> Probes, string? UnavailableReason)
{
    /// <summary>An offer of the given probes.</summary>
    public static ProbeOffer Of(params IPowerProbe[] probes) => new(probes, null);

    /// <summary>No probes, with the reason.</summary>
    public static ProbeOffer Unavailable(string reason) => new([], reason);
}
