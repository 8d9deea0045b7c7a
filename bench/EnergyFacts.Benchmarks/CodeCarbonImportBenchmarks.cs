using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using EnergyFacts.Results.CodeCarbon;

namespace EnergyFacts.Benchmarks;

/// <summary>
/// Importing a CodeCarbon 3.3.0 emissions.csv of 10,000 rows (one in ten ragged, as offline mode writes them) into a
/// fresh results folder: read, type, rebuild, map, and write emissions.csv, experiments.jsonl and summary.md.
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class CodeCarbonImportBenchmarks
{
    private const int Rows = 10_000;
    private readonly string scratch = Path.Combine(Path.GetTempPath(), "energyfacts-import-bench-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
    private string source = string.Empty;
    private int run;

    [GlobalSetup]
    public void WriteSource()
    {
        Directory.CreateDirectory(scratch);
        source = Path.Combine(scratch, "emissions.csv");
        File.WriteAllText(source, SyntheticFile(Rows));
    }

    [GlobalCleanup]
    public void Clean() => Directory.Delete(scratch, recursive: true);

    [Benchmark]
    public int Import10000Rows()
    {
        var file = CodeCarbonCsvReader.Read(source);
        var folder = Path.Combine(scratch, "out-" + (run++).ToString(CultureInfo.InvariantCulture));
        var written = CodeCarbonImport.Write(folder, file.Rows);
        Directory.Delete(folder, recursive: true);
        return written;
    }

    /// <summary>A 3.3.0 file of <paramref name="rows"/> rows; every tenth drops region, longitude and latitude (ragged).</summary>
    internal static string SyntheticFile(int rows)
    {
        var columns = CodeCarbonColumnSet.Latest.Columns;
        var text = new StringBuilder(string.Join(',', columns)).Append('\n');
        for (var i = 0; i < rows; i++)
        {
            var ragged = i % 10 == 9;
            var fields = columns
                .Where(c => !ragged || c is not ("region" or "longitude" or "latitude"))
                .Select(c => Value(c, i));
            text.Append(string.Join(',', fields)).Append('\n');
        }

        return text.ToString();
    }

    private static string Value(string column, int i) => column switch
    {
        "timestamp" => new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Unspecified).AddSeconds(i).ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture),
        "project_name" => "bench",
        "run_id" => new Guid(i, 0, 0, new byte[8]).ToString(),
        "experiment_id" => "5b0fa12a-3dd7-45bb-9766-cc326314d9f1",
        "duration" => (10 + (i % 50)).ToString(CultureInfo.InvariantCulture),
        "emissions" => "0.0001",
        "emissions_rate" => "1e-05",
        "cpu_power" or "ram_power" => "20.5",
        "gpu_power" or "gpu_energy" or "water_consumed" or "wue" => "0.0",
        "cpu_energy" or "ram_energy" => "0.0005",
        "energy_consumed" => "0.001",
        "country_name" => "France",
        "country_iso_code" => "FRA",
        "region" or "cloud_provider" or "cloud_region" or "gpu_model" or "longitude" or "latitude" => string.Empty,
        "os" => "Linux-6.1.0-x86_64-with-glibc2.36",
        "python_version" => "3.12.3",
        "codecarbon_version" => "3.3.0",
        "cpu_count" => "16",
        "cpu_model" => "AMD EPYC 9654",
        "gpu_count" => "0",
        "ram_total_size" => "125.5",
        "tracking_mode" => "machine",
        "on_cloud" => "N",
        "pue" => "1.0",
        _ => "1.5",
    };
}
