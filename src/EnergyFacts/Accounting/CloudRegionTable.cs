using System.Globalization;

namespace EnergyFacts.Accounting;

/// <summary>
/// Cloud regions and their grids' carbon intensity, keyed <c>provider:region</c>. The default table is CodeCarbon's
/// <c>impact.csv</c>, embedded in this assembly and parsed once.
/// </summary>
internal sealed class CloudRegionTable
{
    /// <summary>Name of the embedded resource, as error messages name it.</summary>
    public const string ImpactResource = "EnergyFacts.Accounting.Data.impact.csv";

    private const int MaxSuggestions = 5;
    private static readonly string[] RequiredColumns = ["provider", "providerName", "region", "country_name", "countryIsoCode", "impact"];
    private static readonly Lazy<CloudRegionTable> DefaultTable = new(LoadEmbedded);

    private readonly Dictionary<string, CloudRegion> regions;

    /// <summary>Creates a table from regions; keys are matched case-insensitively.</summary>
    /// <exception cref="ArgumentException">Two regions have the same <c>provider:region</c>.</exception>
    public CloudRegionTable(IEnumerable<CloudRegion> regions)
    {
        ArgumentNullException.ThrowIfNull(regions);
        this.regions = regions.ToDictionary(r => r.Key, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>CodeCarbon's cloud regions (<c>impact.csv</c>), loaded once.</summary>
    public static CloudRegionTable Default => DefaultTable.Value;

    /// <summary>All regions, ordered by key.</summary>
    public IReadOnlyList<CloudRegion> Regions => [.. regions.Values.OrderBy(r => r.Key, StringComparer.Ordinal)];

    /// <summary>The providers in the table, ordered, e.g. <c>gcp</c>.</summary>
    public IReadOnlyList<string> Providers =>
        [.. regions.Values.Select(r => r.Provider).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    /// <summary>The region for <c>provider:region</c>, e.g. <c>gcp:europe-west9</c> (case-insensitive, trimmed).</summary>
    /// <exception cref="ArgumentException">
    /// The value is not <c>provider:region</c>, or the table does not know it; the message names the value, the
    /// providers and close matches.
    /// </exception>
    public CloudRegion Lookup(string providerAndRegion)
    {
        ArgumentNullException.ThrowIfNull(providerAndRegion);
        var text = providerAndRegion.Trim();
        if (regions.TryGetValue(text, out var region))
        {
            return region;
        }

        throw new ArgumentException(Unknown(text), nameof(providerAndRegion));
    }

    /// <summary>The region for <c>provider:region</c>, or <see langword="null"/> with <paramref name="problem"/> saying why (as <see cref="Lookup"/>'s message).</summary>
    public CloudRegion? Find(string providerAndRegion, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(providerAndRegion);
        var text = providerAndRegion.Trim();
        if (regions.TryGetValue(text, out var region))
        {
            problem = null;
            return region;
        }

        problem = Unknown(text);
        return null;
    }

    /// <summary>Parses CodeCarbon's <c>impact.csv</c> (header row, comma-separated, no quoted fields).</summary>
    /// <param name="csv">The file's text; a leading byte-order mark is ignored.</param>
    /// <param name="origin">Name of the data for error messages, e.g. the resource name.</param>
    /// <exception cref="InvalidDataException">A column is missing or a line is malformed; the message names <paramref name="origin"/> and the line.</exception>
    public static CloudRegionTable Parse(string csv, string origin)
    {
        ArgumentNullException.ThrowIfNull(csv);
        var lines = csv.TrimStart('\uFEFF').Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        if (lines.Count == 0 || lines[0].Length == 0)
        {
            throw new InvalidDataException($"{origin} line 1: the header row is missing.");
        }

        var header = lines[0].Split(',');
        var column = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var name in RequiredColumns)
        {
            var index = Array.IndexOf(header, name);
            column[name] = index >= 0
                ? index
                : throw new InvalidDataException($"{origin} line 1: the header has no '{name}' column (expected {string.Join(", ", RequiredColumns)}).");
        }

        var entries = new List<CloudRegion>();
        var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 1; i < lines.Count; i++)
        {
            var lineNumber = i + 1;
            if (lines[i].Length == 0)
            {
                continue;
            }

            if (lines[i].Contains('"', StringComparison.Ordinal))
            {
                throw new InvalidDataException($"{origin} line {lineNumber}: quoted fields are not supported.");
            }

            var fields = lines[i].Split(',');
            if (fields.Length != header.Length)
            {
                throw new InvalidDataException($"{origin} line {lineNumber}: {fields.Length} fields, the header has {header.Length}.");
            }

            string Field(string name) => fields[column[name]].Trim();
            var provider = Field("provider").ToLowerInvariant();
            var regionCode = Field("region").ToLowerInvariant();
            if (provider.Length == 0 || regionCode.Length == 0)
            {
                throw new InvalidDataException($"{origin} line {lineNumber}: provider and region must not be empty.");
            }

            var iso = Field("countryIsoCode").ToUpperInvariant();
            if (iso.Length != 3 || !iso.All(char.IsAsciiLetterUpper))
            {
                throw new InvalidDataException($"{origin} line {lineNumber}: countryIsoCode '{iso}' is not an ISO 3166-1 alpha-3 code.");
            }

            var impactText = Field("impact");
            if (!double.TryParse(impactText, NumberStyles.Float, CultureInfo.InvariantCulture, out var grams) || !double.IsFinite(grams) || grams < 0)
            {
                throw new InvalidDataException($"{origin} line {lineNumber}: impact '{impactText}' is not a number ≥ 0 (g CO2eq/kWh).");
            }

            var key = provider + ":" + regionCode;
            if (seen.TryGetValue(key, out var firstLine))
            {
                throw new InvalidDataException($"{origin} line {lineNumber}: {key} is listed twice (first on line {firstLine}).");
            }

            seen[key] = lineNumber;
            string Optional(string name) => Array.IndexOf(header, name) is >= 0 and var at ? fields[at].Trim() : string.Empty;
            entries.Add(new CloudRegion(provider, Field("providerName"), regionCode, Field("country_name"), iso, grams)
            {
                State = Optional("state"),
                City = Optional("city"),
            });
        }

        return new CloudRegionTable(entries);
    }

    private static CloudRegionTable LoadEmbedded()
    {
        using var stream = typeof(CloudRegionTable).Assembly.GetManifestResourceStream(ImpactResource)
            ?? throw new InvalidOperationException($"Embedded resource '{ImpactResource}' is missing from EnergyFacts.dll.");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd(), ImpactResource);
    }

    private string Unknown(string given)
    {
        var providers = Providers;
        var known = string.Join(", ", providers.Select(p => $"{p} ({regions.Values.First(r => r.Provider == p).ProviderName})"));
        var colon = given.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon == given.Length - 1)
        {
            return $"'{given}' is not provider:region (e.g. {regions.Values.Select(r => r.Key).Order(StringComparer.Ordinal).First()}); " +
                   $"the cloud-region table (CodeCarbon impact.csv) knows the providers {known}.";
        }

        var provider = given[..colon].Trim();
        var region = given[(colon + 1)..].Trim();
        if (!providers.Contains(provider, StringComparer.OrdinalIgnoreCase))
        {
            return $"Unknown cloud provider '{provider}' in '{given}': the cloud-region table (CodeCarbon impact.csv) knows only {known}. " +
                   "For another provider, give the grid's country (--energy-country) or its intensity (--energy-carbon-intensity).";
        }

        var candidates = regions.Values
            .Where(r => string.Equals(r.Provider, provider, StringComparison.OrdinalIgnoreCase))
            .Select(r => (r.Region, Distance: EditDistance(r.Region, region.ToLowerInvariant())))
            .Where(c => c.Distance <= Math.Max(2, region.Length / 3) || c.Region.Contains(region, StringComparison.OrdinalIgnoreCase))
            .OrderBy(c => c.Distance)
            .ThenBy(c => c.Region, StringComparer.Ordinal)
            .Take(MaxSuggestions)
            .Select(c => $"{provider.ToLowerInvariant()}:{c.Region}")
            .ToList();
        var count = regions.Values.Count(r => string.Equals(r.Provider, provider, StringComparison.OrdinalIgnoreCase));
        var didYouMean = candidates.Count == 0 ? string.Empty : " Did you mean " + string.Join(", ", candidates) + "?";
        return $"Unknown {provider.ToLowerInvariant()} region '{region}' in '{given}': it is not among the {count} {provider.ToLowerInvariant()} regions " +
               "of the cloud-region table (CodeCarbon impact.csv)." + didYouMean;
    }

    private static int EditDistance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        var current = new int[b.Length + 1];
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j] + 1, current[j - 1] + 1));
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
