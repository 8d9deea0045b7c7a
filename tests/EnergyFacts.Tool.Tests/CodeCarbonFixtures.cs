using System.Globalization;
using System.Text.Json;

namespace EnergyFacts.Tool.Tests;

/// <summary>CodeCarbon emissions.csv files written from Fixtures/codecarbon_columns.json, one per column set.</summary>
internal static class CodeCarbonFixtures
{
    public const double EnergyKilowattHours = 0.005;
    public const double EmissionsKilograms = 0.002;
    public const double DurationSeconds = 100;

    public static IReadOnlyList<(string Versions, string FirstTag, IReadOnlyList<string> Columns)> ColumnSets { get; } = Load();

    /// <summary>A typical value CodeCarbon writes in <paramref name="column"/> (offline mode: region, longitude, latitude empty).</summary>
    public static string Value(string column, string version, bool gramsPerSecond, int row) => column switch
    {
        "timestamp" => "2024-05-01T12:00:0" + row.ToString(CultureInfo.InvariantCulture),
        "project_name" => "codecarbon",
        "run_id" => $"8c9a3e5b-0000-4000-8000-00000000000{row}",
        "experiment_id" => "5b0fa12a-3dd7-45bb-9766-cc326314d9f1",
        "duration" => "100",
        "emissions" => "0.002",
        "emissions_rate" => gramsPerSecond ? "0.02" : "2e-05",
        "cpu_power" => "42.5",
        "gpu_power" => "0.0",
        "ram_power" => "3.0",
        "cpu_energy" => "0.004",
        "gpu_energy" => "0",
        "ram_energy" => "0.001",
        "energy_consumed" => "0.005",
        "water_consumed" => "0.0",
        "country_name" => "France",
        "country_iso_code" => "FRA",
        "region" or "cloud_provider" or "cloud_region" or "longitude" or "latitude" or "gpu_model" => string.Empty,
        "os" => "Linux-6.1.0-18-amd64-x86_64-with-glibc2.36",
        "python_version" => "3.11.4",
        "codecarbon_version" => version,
        "cpu_count" => "8",
        "cpu_model" => "Intel(R) Xeon(R) CPU @ 2.20GHz",
        "gpu_count" => "0",
        "ram_total_size" => "15.5",
        "tracking_mode" => "machine",
        "cpu_utilization_percent" => "12.5",
        "gpu_utilization_percent" => "0.0",
        "ram_utilization_percent" => "30.1",
        "ram_used_gb" => "4.2",
        "on_cloud" => "N",
        "pue" => "1.0",
        "wue" => "0.0",
        _ => throw new ArgumentOutOfRangeException(nameof(column), column, "No fixture value for this column."),
    };

    public static string Csv(IReadOnlyList<string> columns, string version, bool gramsPerSecond, int rows = 2) =>
        string.Join(',', columns) + "\n" + string.Concat(Enumerable.Range(1, rows).Select(r => string.Join(',', columns.Select(c => Quote(Value(c, version, gramsPerSecond, r)))) + "\n"));

    private static string Quote(string value) => value.Contains(',', StringComparison.Ordinal) ? $"\"{value}\"" : value;

    private static List<(string, string, IReadOnlyList<string>)> Load()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "codecarbon_columns.json")));
        return
        [
            .. json.RootElement.GetProperty("versions").EnumerateArray().Select(v => (
                v.GetProperty("versions").GetString()!,
                v.GetProperty("tags")[0].GetString()!.TrimStart('v'),
                (IReadOnlyList<string>)[.. v.GetProperty("columns").EnumerateArray().Select(c => c.GetString()!)])),
        ];
    }
}
