using System.Globalization;

namespace EnergyFacts.Metrics;

/// <summary>An energy–delay product in joule-seconds (J·s); lower is better.</summary>
/// <param name="Value">The product in J·s.</param>
internal readonly record struct JouleSeconds(double Value)
{
    /// <inheritdoc/>
    public override string ToString() => Value.ToString("G6", CultureInfo.InvariantCulture) + " J·s";
}
