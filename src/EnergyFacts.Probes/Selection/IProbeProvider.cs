namespace EnergyFacts.Probes;

/// <summary>
/// Turns one probe name (<c>rapl</c>, <c>nvml</c>, <c>cpu-model</c>, <c>constant</c>, <c>replay</c> …) and its optional
/// argument into probes. Providers are the catalogue's plug-ins.
/// </summary>
public interface IProbeProvider
{
    /// <summary>The name users write in <c>--energy-probes</c>.</summary>
    string Name { get; }

    /// <summary>How to write it, for help and error messages, e.g. <c>constant:cpu=W,gpu=W,ram=W</c>.</summary>
    string Syntax { get; }

    /// <summary>
    /// Rank when <c>auto</c> chooses (lower is preferred; hardware counters before estimators), or
    /// <see langword="null"/> when <c>auto</c> never uses this provider (replay, constant).
    /// </summary>
    int? AutoRank { get; }

    /// <summary>Creates the probes this name stands for on this machine.</summary>
    /// <param name="argument">Text after the first <c>:</c>, or <see langword="null"/>.</param>
    /// <param name="settings">Run settings.</param>
    /// <returns>Probes, or the reason none are available here.</returns>
    /// <exception cref="ProbeConfigurationException">The argument is malformed (always thrown, never silently ignored).</exception>
    ProbeOffer Offer(string? argument, ProbeSettings settings);
}

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
