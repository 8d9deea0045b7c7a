namespace EnergyFacts.Probes.Replay;

/// <summary><c>replay:PATH</c>: a recorded <c>time_s,cpu_w,gpu_w,ram_w</c> trace, one probe per component.</summary>
public sealed class ReplayProbeProvider : IProbeProvider
{
    /// <inheritdoc/>
    public string Name => "replay";

    /// <inheritdoc/>
    public string Syntax => "replay:PATH";

    /// <inheritdoc/>
    public int? AutoRank => null;

    /// <inheritdoc/>
    public ProbeOffer Offer(string? argument, ProbeSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (string.IsNullOrWhiteSpace(argument))
        {
            throw new ProbeConfigurationException(
                $"Probe 'replay' needs a file: '{Syntax}', a CSV with header '{PowerTrace.Header}'.");
        }

        var trace = PowerTrace.Load(settings.ResolvePath(argument.Trim()));
        return ProbeOffer.Of(
            new ReplayProbe(trace, PowerComponent.Cpu),
            new ReplayProbe(trace, PowerComponent.Gpu),
            new ReplayProbe(trace, PowerComponent.Ram));
    }
}
