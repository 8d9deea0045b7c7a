using EnergyFacts.Probes;

namespace EnergyFacts.Measurement;

/// <summary>
/// Builds the probes' settings from the process environment, using the names the catalogue's providers declare.
/// </summary>
/// <remarks>
/// A stop-gap for the one call site that has no settings registry yet (<c>EnergyRunState</c>); the registry, once it
/// builds <see cref="ProbeSettings"/> from its own sources, replaces this class.
/// </remarks>
internal static class ProbeEnvironment
{
    /// <summary>Captures every setting <paramref name="catalog"/> declares that is set in the environment, and checks it.</summary>
    /// <exception cref="ProbeConfigurationException">A set value is refused by its definition (the message names it and what is allowed).</exception>
    public static ProbeSettings Capture(ProbeCatalog catalog, string baseDirectory)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var values = new List<KeyValuePair<string, string>>();
        foreach (var setting in catalog.Settings)
        {
            if (Environment.GetEnvironmentVariable(setting.Name) is not { } value)
            {
                continue;
            }

            if (setting.Validate(value) is { } refused)
            {
                throw new ProbeConfigurationException(refused);
            }

            values.Add(new(setting.Name, value));
        }

        return new ProbeSettings(values, baseDirectory);
    }
}
