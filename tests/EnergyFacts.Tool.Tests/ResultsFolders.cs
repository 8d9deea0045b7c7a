using System.Globalization;
using System.Text.Json;
using EnergyFacts.Results;
using EnergyFacts.Results.Csv;
using EnergyFacts.Results.Jsonl;

namespace EnergyFacts.Tool.Tests;

/// <summary>Writes small EnergyFacts results folders (experiments.jsonl and emissions.csv) from a few figures per trial.</summary>
internal static class ResultsFolders
{
    public const string RunA = "11111111-1111-1111-1111-111111111111";
    public const string RunB = "22222222-2222-2222-2222-222222222222";

    public static Dictionary<string, string> Trial(
        string model, int batch, double top1, double joules, double seconds, long samples = 20_000, int trial = 1, string run = RunA,
        int epochs = 2, string dataset = "fashion-mnist", string status = "passed", string? metrics = null)
    {
        var row = ResultColumns.Names.ToDictionary(n => n, _ => string.Empty, StringComparer.Ordinal);
        row["run_id"] = run;
        row["experiment_id"] = $"Train [{model} | batch={batch} | epochs={epochs} | dataset={dataset}]";
        row["experiment_name"] = row["experiment_id"];
        row["model"] = model;
        row["batch_size"] = Invariant(batch);
        row["epochs"] = Invariant(epochs);
        row["dataset"] = dataset;
        row["device"] = "cpu";
        row["eval_top1"] = Invariant(top1);
        row["energy_joules"] = Invariant(joules);
        row["energy_consumed"] = Invariant(joules / 3_600_000);
        row["duration"] = Invariant(seconds);
        row["samples"] = Invariant(samples);
        row["joules_per_sample"] = Invariant(joules / samples);
        row["trial"] = Invariant(trial);
        row["status"] = status;
        row["energy_source"] = "cpu=estimated;gpu=none;ram=estimated";
        row["probes"] = "auto";
        row["cpu_model"] = "AMD EPYC 7763 64-Core Processor";
        row["cpu_count"] = "2";
        row["os"] = "Linux";
        row["metrics"] = metrics ?? string.Empty;
        return row;
    }

    /// <summary>The folder <paramref name="name"/> under <paramref name="root"/> with both files holding <paramref name="rows"/>.</summary>
    public static string Write(TempFolder root, string name, IEnumerable<Dictionary<string, string>> rows, bool csv = true, bool jsonl = true)
    {
        var folder = Path.Combine(root.Path, name);
        Directory.CreateDirectory(folder);
        var list = rows.ToList();
        if (jsonl)
        {
            File.WriteAllText(Path.Combine(folder, ExperimentsJsonl.FileName), string.Concat(list.Select(r => JsonLine(r) + "\n")));
        }

        if (csv)
        {
            File.WriteAllText(
                Path.Combine(folder, EmissionsCsv.FileName),
                EmissionsCsv.HeaderLine + "\n" + string.Concat(list.Select(r => CsvText.FormatRecord(ResultColumns.Names.Select(n => r[n])) + "\n")));
        }

        return folder;
    }

    public static string JsonLine(Dictionary<string, string> row)
    {
        var document = new Dictionary<string, object?> { ["schema"] = ExperimentsJsonl.Schema };
        foreach (var column in ResultColumns.All)
        {
            var text = row[column.Name];
            document[column.Name] = text.Length == 0 ? null
                : column.Kind is ResultColumnKind.Number or ResultColumnKind.WholeNumber ? double.Parse(text, CultureInfo.InvariantCulture)
                : text;
        }

        document["history"] = Array.Empty<object>();
        return JsonSerializer.Serialize(document);
    }

    /// <summary>The recorded grid of the advisor's library tests, as a results folder.</summary>
    public static IReadOnlyList<Dictionary<string, string>> Grid() =>
    [
        Trial("mlp", 64, 0.842, 410, 9.8),
        Trial("mlp", 128, 0.838, 390, 9.4),
        Trial("lenet", 32, 0.883, 1900, 32),
        Trial("lenet", 64, 0.884, 1450, 31),
        Trial("lenet", 128, 0.880, 1180, 29),
        Trial("resnet20", 64, 0.905, 6900, 140),
        Trial("resnet20", 128, 0.901, 5500, 118, trial: 1),
        Trial("resnet20", 128, 0.903, 6100, 118, trial: 2),
        Trial("resnet20", 128, 0.902, 5600, 118, trial: 3),
        Trial("resnet20", 128, 0.871, 2950, 60, samples: 10_000, epochs: 1),
        Trial("resnet20", 128, 0.95, 100, 1, dataset: "cifar10"),
        Trial("vit", 64, 0.99, 1, 1, status: "error"),
    ];

    private static string Invariant(IFormattable value) => value.ToString(null, CultureInfo.InvariantCulture);
}
