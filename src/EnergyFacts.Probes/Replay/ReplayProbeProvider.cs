namespace EnergyFacts.Probes.Replay;

/// <summary><c>replay:PATH</c>: a recorded <c>time_s,cpu_w,gpu_w,ram_w</c> trace, one probe per component.</summary>
internal sealed class ReplayProbeProvider : IProbeProvider
{
    /// <inheritdoc/>
    public string Name => "replay";

    /// <inheritdoc/>
    public string Syntax => "replay:PATH";

    /// <inheritdoc/>
    public int? AutoRank => null;

    /// <inheritdoc/>
    public IReadOnlyList<ProbeSettingDefinition> Settings => [];

    /// <inheritdoc/>
    /// <remarks>Checks the path's syntax only; whether the file exists and parses is checked by <see cref="Offer"/>.</remarks>
    public string? ValidateArgument(string? argument)
    {
        if (string.IsNullOrWhiteSpace(argument))
        {
            return $"Probe 'replay' needs a file: '{Syntax}', a CSV with header '{PowerTrace.Header}'.";
        }

        return argument.AsSpan().IndexOfAny(Path.GetInvalidPathChars()) >= 0
            ? $"'replay:{argument}' is not allowed: the path contains a character no path can hold. Allowed: '{Syntax}', a CSV with header '{PowerTrace.Header}'."
            : null;
    }

    /// <inheritdoc/>
    public ProbeOffer Offer(string? argument, ProbeSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (ValidateArgument(argument) is { } malformed)
        {
            throw new ProbeConfigurationException(malformed);
        }

        var trace = PowerTrace.Load(settings.ResolvePath(argument!.Trim()));
        return ProbeOffer.Of(
            new ReplayProbe(trace, PowerComponent.Cpu),
            new ReplayProbe(trace, PowerComponent.Gpu),
            new ReplayProbe(trace, PowerComponent.Ram));
    }
}
