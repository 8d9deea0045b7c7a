using System.Globalization;

namespace EnergyFacts.Accounting;

/// <summary>How much CO2 equivalent the electricity grid emits per kilowatt-hour, and where that figure comes from.</summary>
/// <param name="IsoCode">ISO 3166-1 alpha-3 code of the country, upper case; empty for the world average.</param>
/// <param name="CountryName">Country name as the source table spells it, or <c>World</c>.</param>
/// <param name="GramsPerKilowattHour">Carbon intensity in g CO2eq/kWh.</param>
/// <param name="Source">Where the figure comes from, e.g. <c>Our World in Data 2023 via CodeCarbon</c>; written into results.</param>
internal sealed record GridCarbonIntensity(string IsoCode, string CountryName, double GramsPerKilowattHour, string Source)
{
    /// <summary>True for the world average used when no country was configured.</summary>
    public bool IsWorldAverage => IsoCode.Length == 0;

    /// <summary>Emissions of <paramref name="energy"/> drawn from this grid.</summary>
    public KilogramsCo2e EmissionsOf(KilowattHours energy) => KilogramsCo2e.FromGrams(energy.Value * GramsPerKilowattHour);

    /// <inheritdoc/>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{CountryName} {GramsPerKilowattHour} g CO2eq/kWh ({Source})");
}
