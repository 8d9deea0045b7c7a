using System.Globalization;

namespace EnergyFacts.Results.CodeCarbon;

/// <summary>
/// Rebuilds a row with fewer fields than its header. CodeCarbon 3.2.9 and 3.3.0 append offline-mode rows after
/// dropping every empty (None) field, so the rest shift left (mlco2/codecarbon#1304): 35 fields under a 38-column
/// header, typically without <c>region</c>, <c>longitude</c> and <c>latitude</c>. The fields keep their order, so the
/// row is the header with some columns left out; this finds the cheapest such alignment in which every field fits its
/// column's type (a number where CodeCarbon writes one, Y/N in <c>on_cloud</c> …), preferring to leave out the columns
/// offline mode leaves empty. No fitting alignment means the row cannot be read.
/// </summary>
internal static class RaggedRowAlignment
{
    private const int Mismatch = 1_000;
    private const int Never = 1_000_000;

    private static readonly HashSet<string> NumericColumns = new(StringComparer.Ordinal)
    {
        "duration", "emissions", "emissions_rate", "cpu_power", "gpu_power", "ram_power", "cpu_energy", "gpu_energy",
        "ram_energy", "energy_consumed", "water_consumed", "cpu_count", "gpu_count", "longitude", "latitude",
        "ram_total_size", "cpu_utilization_percent", "gpu_utilization_percent", "ram_utilization_percent", "ram_used_gb",
        "pue", "wue",
    };

    // Offline mode leaves these None unless the user sets them, so they are what a short row most likely lacks.
    private static readonly HashSet<string> UsuallyMissing = new(StringComparer.Ordinal) { "region", "longitude", "latitude" };

    // Columns CodeCarbon can leave None; the others it always fills.
    private static readonly HashSet<string> SometimesMissing = new(StringComparer.Ordinal)
    {
        "cloud_provider", "cloud_region", "gpu_count", "gpu_model", "gpu_power", "gpu_energy", "cpu_model",
        "cpu_utilization_percent", "gpu_utilization_percent", "ram_utilization_percent", "ram_used_gb",
        "country_name", "country_iso_code", "experiment_id", "water_consumed", "wue",
    };

    /// <summary>The fields spread over the header, left-out columns empty; <see langword="null"/> when no alignment fits.</summary>
    /// <param name="header">Column names.</param>
    /// <param name="fields">The row's fields, fewer than the header's columns.</param>
    /// <param name="leftOut">The columns left empty.</param>
    public static string[]? Align(IReadOnlyList<string> header, IReadOnlyList<string> fields, out IReadOnlyList<string> leftOut)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(fields);
        int n = header.Count, m = fields.Count;
        leftOut = [];
        if (m > n)
        {
            return null;
        }

        // cost[i, j]: cheapest way to place the first j fields in the first i columns.
        var cost = new int[n + 1, m + 1];
        for (var i = 0; i <= n; i++)
        {
            for (var j = 0; j <= m; j++)
            {
                if (i == 0)
                {
                    cost[i, j] = j == 0 ? 0 : Never;
                    continue;
                }

                var skip = Add(cost[i - 1, j], SkipCost(header[i - 1]));
                var place = j > 0 ? Add(cost[i - 1, j - 1], Fits(header[i - 1], fields[j - 1]) ? 0 : Mismatch) : Never;
                cost[i, j] = Math.Min(skip, place);
            }
        }

        if (cost[n, m] >= Mismatch)
        {
            return null;
        }

        var aligned = new string[n];
        var left = new List<string>();
        for (int i = n, j = m; i > 0; i--)
        {
            if (j > 0 && cost[i, j] == Add(cost[i - 1, j - 1], Fits(header[i - 1], fields[j - 1]) ? 0 : Mismatch))
            {
                aligned[i - 1] = fields[--j];
            }
            else
            {
                aligned[i - 1] = string.Empty;
                left.Add(header[i - 1]);
            }
        }

        left.Reverse();
        leftOut = left;
        return aligned;
    }

    private static int Add(int a, int b) => a >= Never || b >= Never ? Never : a + b;

    private static int SkipCost(string column) =>
        UsuallyMissing.Contains(column) ? 1
        : SometimesMissing.Contains(column) ? 3
        : CodeCarbonColumnSet.KnownColumns.Contains(column) ? Never
        : 5; // a user's column: possible, but less likely than CodeCarbon's own empty ones

    private static bool Fits(string column, string field)
    {
        if (field.Length == 0)
        {
            return true;
        }

        if (NumericColumns.Contains(column))
        {
            return double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out _);
        }

        return column switch
        {
            "on_cloud" => field is "Y" or "N" or "True" or "False",
            "tracking_mode" => field is "machine" or "process",
            "timestamp" => DateTime.TryParse(field, CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
            "country_iso_code" => field.Length == 3 && field.All(char.IsAsciiLetter),
            "codecarbon_version" or "python_version" => field.Length > 0 && char.IsAsciiDigit(field[0]),
            // Text columns CodeCarbon fills with words, never with a bare number.
            "project_name" or "country_name" or "region" or "cloud_provider" or "cloud_region" or "os" or "cpu_model" or "gpu_model" =>
                !double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out _),
            _ => true,
        };
    }
}
