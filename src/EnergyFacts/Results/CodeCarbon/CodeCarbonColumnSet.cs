namespace EnergyFacts.Results.CodeCarbon;

/// <summary>One column sequence CodeCarbon's <c>emissions.csv</c> writer has used, and the releases that used it.</summary>
/// <param name="Versions">The releases, e.g. <c>2.2.3..2.6.0</c>.</param>
/// <param name="Columns">The columns in the order that release range writes them.</param>
/// <param name="EmissionsRateInGramsPerSecond">True for 2.0.0–2.1.4, whose <c>emissions_rate</c> is g CO2eq/s (kg/s from 2.2.0).</param>
internal sealed record CodeCarbonColumnSet(string Versions, IReadOnlyList<string> Columns, bool EmissionsRateInGramsPerSecond)
{
    /// <summary>
    /// Every column sequence from 0.0.9 to 3.3.0, oldest first, read from the <c>EmissionsData</c> dataclass of
    /// mlco2/codecarbon (MIT) at each release tag (the table in shared/data/codecarbon_columns.json). No column was
    /// ever renamed; columns were added, <c>experiment_id</c> dropped at 2.0.0 and re-added at 2.7.0, and some moved.
    /// </summary>
    public static IReadOnlyList<CodeCarbonColumnSet> All { get; } =
    [
        new("0.0.9..1.0", ["experiment_id", "timestamp", "project_name", "duration", "emissions", "energy_consumed", "country_name", "country_iso_code", "region", "on_cloud", "cloud_provider", "cloud_region"], false),
        new("1.0.0..1.2.0", ["timestamp", "experiment_id", "project_name", "duration", "emissions", "energy_consumed", "country_name", "country_iso_code", "region", "on_cloud", "cloud_provider", "cloud_region"], false),
        new("2.0.0..2.1.4", ["timestamp", "project_name", "run_id", "duration", "emissions", "emissions_rate", "cpu_power", "gpu_power", "ram_power", "cpu_energy", "gpu_energy", "ram_energy", "energy_consumed", "country_name", "country_iso_code", "region", "cloud_provider", "cloud_region", "os", "python_version", "cpu_count", "cpu_model", "gpu_count", "gpu_model", "longitude", "latitude", "ram_total_size", "tracking_mode", "on_cloud"], true),
        new("2.2.0..2.2.2", ["timestamp", "project_name", "run_id", "duration", "emissions", "emissions_rate", "cpu_power", "gpu_power", "ram_power", "cpu_energy", "gpu_energy", "ram_energy", "energy_consumed", "country_name", "country_iso_code", "region", "cloud_provider", "cloud_region", "os", "python_version", "codecarbon_version", "cpu_count", "cpu_model", "gpu_count", "gpu_model", "longitude", "latitude", "ram_total_size", "tracking_mode", "on_cloud"], false),
        new("2.2.3..2.6.0", ["timestamp", "project_name", "run_id", "duration", "emissions", "emissions_rate", "cpu_power", "gpu_power", "ram_power", "cpu_energy", "gpu_energy", "ram_energy", "energy_consumed", "country_name", "country_iso_code", "region", "cloud_provider", "cloud_region", "os", "python_version", "codecarbon_version", "cpu_count", "cpu_model", "gpu_count", "gpu_model", "longitude", "latitude", "ram_total_size", "tracking_mode", "on_cloud", "pue"], false),
        new("2.7.0..3.0.7", ["timestamp", "project_name", "run_id", "experiment_id", "duration", "emissions", "emissions_rate", "cpu_power", "gpu_power", "ram_power", "cpu_energy", "gpu_energy", "ram_energy", "energy_consumed", "country_name", "country_iso_code", "region", "cloud_provider", "cloud_region", "os", "python_version", "codecarbon_version", "cpu_count", "cpu_model", "gpu_count", "gpu_model", "longitude", "latitude", "ram_total_size", "tracking_mode", "on_cloud", "pue"], false),
        new("3.0.8..3.1.2", ["timestamp", "project_name", "run_id", "experiment_id", "duration", "emissions", "emissions_rate", "cpu_power", "gpu_power", "ram_power", "cpu_energy", "gpu_energy", "ram_energy", "energy_consumed", "water_consumed", "country_name", "country_iso_code", "region", "cloud_provider", "cloud_region", "os", "python_version", "codecarbon_version", "cpu_count", "cpu_model", "gpu_count", "gpu_model", "longitude", "latitude", "ram_total_size", "tracking_mode", "on_cloud", "pue", "wue"], false),
        new("3.2.1..3.3.0", ["timestamp", "project_name", "run_id", "experiment_id", "duration", "emissions", "emissions_rate", "cpu_power", "gpu_power", "ram_power", "cpu_energy", "gpu_energy", "ram_energy", "energy_consumed", "water_consumed", "country_name", "country_iso_code", "region", "cloud_provider", "cloud_region", "os", "python_version", "codecarbon_version", "cpu_count", "cpu_model", "gpu_count", "gpu_model", "longitude", "latitude", "ram_total_size", "tracking_mode", "cpu_utilization_percent", "gpu_utilization_percent", "ram_utilization_percent", "ram_used_gb", "on_cloud", "pue", "wue"], false),
    ];

    /// <summary>The newest set (3.2.1 to 3.3.0), whose order EnergyFacts' own first 38 columns follow.</summary>
    public static CodeCarbonColumnSet Latest => All[^1];

    /// <summary>Every column name any CodeCarbon release wrote.</summary>
    public static IReadOnlySet<string> KnownColumns { get; } = All.SelectMany(s => s.Columns).ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// The release range a header comes from: the set with exactly the header's CodeCarbon columns in the same order,
    /// else the one with the same columns in any order (3.1.1–3.2.3 move empty columns to the end), else the oldest set
    /// holding all of them; <see langword="null"/> when none does.
    /// </summary>
    public static CodeCarbonColumnSet? Match(IReadOnlyList<string> header)
    {
        ArgumentNullException.ThrowIfNull(header);
        var known = header.Where(KnownColumns.Contains).ToList();
        return All.LastOrDefault(s => s.Columns.SequenceEqual(known, StringComparer.Ordinal))
            ?? All.LastOrDefault(s => s.Columns.Count == known.Count && s.Columns.ToHashSet(StringComparer.Ordinal).SetEquals(known))
            ?? All.FirstOrDefault(s => known.All(s.Columns.Contains));
    }
}
