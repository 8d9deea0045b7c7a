using EnergyFacts.Probes;

namespace EnergyFacts.Configuration;

/// <summary>Checks the syntax of a probe specification without opening any hardware, so a typo fails before the first test.</summary>
internal static class ProbeSpecification
{
    /// <summary>The problem with <paramref name="specification"/>, or <see langword="null"/> when its syntax is valid.</summary>
    public static string? Problem(string specification)
    {
        var catalog = DefaultProbeProviders.CreateCatalog();
        var names = catalog.Providers.Select(p => p.Name).Append(ProbeCatalog.Auto).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var spec in ProbeCatalog.SplitSpecifications(specification))
        {
            var colon = spec.IndexOf(':', StringComparison.Ordinal);
            var name = colon < 0 ? spec : spec[..colon];
            if (!names.Contains(name))
            {
                return $"unknown probe '{name}'";
            }

            if (colon >= 0 && spec[(colon + 1)..].Trim().Length == 0)
            {
                return $"probe '{name}' has an empty argument after ':'";
            }
        }

        return null;
    }
}
