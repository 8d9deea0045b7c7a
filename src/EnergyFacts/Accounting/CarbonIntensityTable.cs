using System.Globalization;
using System.Text.Json;

namespace EnergyFacts.Accounting;

/// <summary>
/// Carbon intensity of electricity per country (ISO 3166-1 alpha-3), with the world average as the fallback when no
/// country is configured. The default table is CodeCarbon's offline data, embedded in this assembly.
/// </summary>
internal sealed class CarbonIntensityTable
{
    private const string EnergyMixResource = "EnergyFacts.Accounting.Data.global_energy_mix.json";
    private const string PerSourceResource = "EnergyFacts.Accounting.Data.carbon_intensity_per_source.json";
    private const int MaxSuggestions = 5;

    private static readonly Lazy<CarbonIntensityTable> DefaultTable = new(LoadEmbedded);

    private readonly Dictionary<string, GridCarbonIntensity> countries;

    /// <summary>Creates a table from country entries and a world average.</summary>
    /// <param name="countries">One entry per country; codes are matched case-insensitively.</param>
    /// <param name="worldAverage">The intensity used when no country is given.</param>
    public CarbonIntensityTable(IEnumerable<GridCarbonIntensity> countries, GridCarbonIntensity worldAverage)
    {
        ArgumentNullException.ThrowIfNull(countries);
        ArgumentNullException.ThrowIfNull(worldAverage);
        this.countries = countries.ToDictionary(c => c.IsoCode, StringComparer.OrdinalIgnoreCase);
        WorldAverage = worldAverage;
    }

    /// <summary>CodeCarbon's table: Our World in Data per country, 475 g CO2eq/kWh world average (IEA 2019). Loaded once.</summary>
    public static CarbonIntensityTable Default => DefaultTable.Value;

    /// <summary>The intensity used when no country is configured.</summary>
    public GridCarbonIntensity WorldAverage { get; }

    /// <summary>All countries in the table, ordered by ISO code.</summary>
    public IReadOnlyList<GridCarbonIntensity> Countries =>
        [.. countries.Values.OrderBy(c => c.IsoCode, StringComparer.Ordinal)];

    /// <summary>The grid carbon intensity for a country.</summary>
    /// <param name="countryIsoCode">ISO 3166-1 alpha-3 code (case-insensitive); <see langword="null"/> or blank for the world average.</param>
    /// <exception cref="UnknownCountryCodeException">The code is not in the table; the message suggests close matches.</exception>
    public GridCarbonIntensity Lookup(string? countryIsoCode)
    {
        if (string.IsNullOrWhiteSpace(countryIsoCode))
        {
            return WorldAverage;
        }

        var code = countryIsoCode.Trim();
        if (countries.TryGetValue(code, out var intensity))
        {
            return intensity;
        }

        throw Unknown(countryIsoCode);
    }

    /// <summary>Parses CodeCarbon's <c>global_energy_mix.json</c> and <c>carbon_intensity_per_source.json</c>.</summary>
    /// <param name="energyMixJson">The per-country table: an object keyed by alpha-3 code.</param>
    /// <param name="perSourceJson">The per-source table holding <c>world_average</c>.</param>
    /// <param name="origin">Name of the data for error messages.</param>
    public static CarbonIntensityTable Parse(string energyMixJson, string perSourceJson, string origin)
    {
        var entries = new List<GridCarbonIntensity>();
        using (var mix = JsonDocument.Parse(energyMixJson))
        {
            foreach (var country in mix.RootElement.EnumerateObject())
            {
                var value = country.Value;
                if (!value.TryGetProperty("carbon_intensity", out var grams) || grams.ValueKind != JsonValueKind.Number)
                {
                    throw new InvalidDataException(
                        $"{origin}: country '{country.Name}' has no numeric carbon_intensity (g CO2eq/kWh).");
                }

                var name = value.TryGetProperty("country_name", out var n) ? n.GetString() ?? country.Name : country.Name;
                var year = value.TryGetProperty("year", out var y) && y.ValueKind == JsonValueKind.Number
                    ? y.GetInt32().ToString(CultureInfo.InvariantCulture) + " "
                    : string.Empty;
                entries.Add(new GridCarbonIntensity(
                    country.Name.ToUpperInvariant(), name, grams.GetDouble(), $"Our World in Data {year}via CodeCarbon"));
            }
        }

        using var perSource = JsonDocument.Parse(perSourceJson);
        if (!perSource.RootElement.TryGetProperty("world_average", out var world) || world.ValueKind != JsonValueKind.Number)
        {
            throw new InvalidDataException($"{origin}: carbon_intensity_per_source has no numeric world_average.");
        }

        return new CarbonIntensityTable(
            entries,
            new GridCarbonIntensity(string.Empty, "World", world.GetDouble(), "world average (IEA 2019, via CodeCarbon)"));
    }

    private static CarbonIntensityTable LoadEmbedded() =>
        Parse(ReadResource(EnergyMixResource), ReadResource(PerSourceResource), "embedded CodeCarbon data");

    private static string ReadResource(string name)
    {
        using var stream = typeof(CarbonIntensityTable).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded resource '{name}' is missing from EnergyFacts.dll.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private UnknownCountryCodeException Unknown(string given)
    {
        var code = given.Trim();
        var suggestions = Suggest(code);
        var hint = code.Length == 2
            ? $" '{code}' looks like an ISO 3166-1 alpha-2 code; EnergyFacts needs the 3-letter alpha-3 code."
            : string.Empty;
        var didYouMean = suggestions.Count == 0
            ? string.Empty
            : " Did you mean " + string.Join(", ", suggestions.Select(s => $"{s} ({countries[s].CountryName})")) + "?";
        var message =
            $"Unknown country code '{given}': it is not in the carbon-intensity table ({countries.Count} countries, " +
            $"Our World in Data via CodeCarbon). Use a code from ISO 3166-1 alpha-3, e.g. FRA, USA, DEU, or leave the " +
            $"country unset for the world average ({WorldAverage.GramsPerKilowattHour.ToString(CultureInfo.InvariantCulture)} g CO2eq/kWh)." +
            hint + didYouMean;
        return new UnknownCountryCodeException(message, given, suggestions);
    }

    private List<string> Suggest(string code)
    {
        var codes = countries.Keys.Order(StringComparer.Ordinal).ToList();
        IEnumerable<string> matches = code.Length switch
        {
            // An alpha-2 code usually shares its first two letters with the alpha-3 one (FR → FRA, DE → DEU).
            2 => codes.Where(c => c.StartsWith(code, StringComparison.OrdinalIgnoreCase)),
            3 => codes.Where(c => DiffersByOneLetter(c, code)),
            _ => [],
        };

        // A country name (or part of one) written instead of a code: "France", "germany", "United Kingdom".
        var byName = code.Length >= 3
            ? countries.Values
                .Where(c => c.CountryName.Contains(code, StringComparison.OrdinalIgnoreCase))
                .OrderBy(c => c.CountryName.Length)
                .Select(c => c.IsoCode)
            : [];

        return [.. byName.Concat(matches).Distinct(StringComparer.Ordinal).Take(MaxSuggestions)];
    }

    private static bool DiffersByOneLetter(string candidate, string code)
    {
        if (candidate.Length != code.Length)
        {
            return false;
        }

        var differences = 0;
        for (var i = 0; i < candidate.Length; i++)
        {
            if (char.ToUpperInvariant(candidate[i]) != char.ToUpperInvariant(code[i]))
            {
                differences++;
            }
        }

        return differences == 1;
    }
}
