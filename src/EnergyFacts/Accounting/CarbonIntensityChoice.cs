using System.Globalization;

namespace EnergyFacts.Accounting;

/// <summary>An explicit carbon intensity given by the user, and where it was given (for the row's source).</summary>
/// <param name="GramsPerKilowattHour">The intensity in g CO2eq/kWh, more than 0 and at most <see cref="CarbonIntensityChoice.MaxGramsPerKilowattHour"/>.</param>
/// <param name="Origin">Where it was given, e.g. <c>--energy-carbon-intensity</c> or <c>ENERGYFACTS_CARBON_INTENSITY</c>.</param>
internal sealed record CarbonIntensityOverride(double GramsPerKilowattHour, string Origin);

/// <summary>
/// Which carbon intensity a run uses, strongest first: an explicit intensity, then the cloud region's, then the
/// country's, then the world average. A weaker location that was also given is named in the source as overridden; the
/// country columns follow the cloud region when one is set (its country), else the country.
/// </summary>
internal static class CarbonIntensityChoice
{
    /// <summary>The largest intensity accepted, in g CO2eq/kWh (the dirtiest grids are near 1000).</summary>
    public const double MaxGramsPerKilowattHour = 2000;

    /// <summary>Chooses the intensity and says why in its <see cref="GridCarbonIntensity.Source"/>.</summary>
    /// <param name="explicitIntensity">An explicit intensity, or <see langword="null"/>.</param>
    /// <param name="cloud">The cloud region, or <see langword="null"/>.</param>
    /// <param name="countryIsoCode">The country, or <see langword="null"/>/blank.</param>
    /// <param name="countries">The per-country table (default: the embedded one).</param>
    /// <exception cref="ArgumentOutOfRangeException">The explicit intensity is not more than 0 and at most 2000 g CO2eq/kWh.</exception>
    /// <exception cref="UnknownCountryCodeException">The country is not in the table.</exception>
    public static GridCarbonIntensity Choose(
        CarbonIntensityOverride? explicitIntensity, CloudRegion? cloud, string? countryIsoCode, CarbonIntensityTable? countries = null)
    {
        var table = countries ?? CarbonIntensityTable.Default;
        var country = string.IsNullOrWhiteSpace(countryIsoCode) ? null : table.Lookup(countryIsoCode);
        var overridden = new List<string>();

        GridCarbonIntensity location;
        if (cloud is not null)
        {
            location = new GridCarbonIntensity(
                cloud.CountryIsoCode, cloud.CountryName, cloud.GramsPerKilowattHour, $"cloud region {cloud.Key} (CodeCarbon impact.csv)");
            if (country is not null)
            {
                overridden.Add($"country {country.IsoCode} ({Grams(country.GramsPerKilowattHour)})");
            }
        }
        else
        {
            location = country ?? table.WorldAverage;
        }

        if (explicitIntensity is not null)
        {
            var grams = explicitIntensity.GramsPerKilowattHour;
            if (!double.IsFinite(grams) || grams <= 0 || grams > MaxGramsPerKilowattHour)
            {
                throw new ArgumentOutOfRangeException(
                    nameof(explicitIntensity),
                    $"An explicit carbon intensity must be more than 0 and at most {Grams(MaxGramsPerKilowattHour)}; got {grams.ToString("R", CultureInfo.InvariantCulture)}.");
            }

            if (cloud is not null)
            {
                overridden.Insert(0, $"cloud region {cloud.Key} ({Grams(cloud.GramsPerKilowattHour)})");
            }
            else if (country is not null)
            {
                overridden.Add($"country {country.IsoCode} ({Grams(country.GramsPerKilowattHour)})");
            }

            // Without a location the country columns are unknown, not the world average.
            var (iso, name) = cloud is null && country is null ? (string.Empty, "unknown") : (location.IsoCode, location.CountryName);
            location = new GridCarbonIntensity(iso, name, grams, $"explicit carbon intensity ({explicitIntensity.Origin})");
        }

        return overridden.Count == 0
            ? location
            : location with { Source = location.Source + "; overrides " + string.Join(" and ", overridden) };
    }

    private static string Grams(double value) =>
        value.ToString("R", CultureInfo.InvariantCulture) + " g CO2eq/kWh";
}
