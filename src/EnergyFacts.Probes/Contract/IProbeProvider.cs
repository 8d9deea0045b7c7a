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

    /// <summary>The settings <see cref="Offer"/> consults, so a settings registry can list and check them up front.</summary>
    IReadOnlyList<ProbeSettingDefinition> Settings { get; }

    /// <summary>Checks the argument's syntax without touching the machine (no files, no libraries, no hardware).</summary>
    /// <param name="argument">Text after the first <c>:</c>, or <see langword="null"/>.</param>
    /// <returns>
    /// Why the argument is refused, naming it and what is allowed; <see langword="null"/> when <see cref="Offer"/> would
    /// accept it. <see cref="Offer"/> throws this same message.
    /// </returns>
    string? ValidateArgument(string? argument);

    /// <summary>Creates the probes this name stands for on this machine.</summary>
    /// <param name="argument">Text after the first <c>:</c>, or <see langword="null"/>.</param>
    /// <param name="settings">Run settings.</param>
    /// <returns>Probes, or the reason none are available here.</returns>
    /// <exception cref="ProbeConfigurationException">
    /// The argument is malformed (<see cref="ValidateArgument"/>'s message), or a setting or a file it names is not usable
    /// (always thrown, never silently ignored).
    /// </exception>
    ProbeOffer Offer(string? argument, ProbeSettings settings);
}
