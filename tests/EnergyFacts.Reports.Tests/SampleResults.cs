using System.Globalization;
using System.Text.Json.Nodes;
using EnergyFacts.Accounting;
using EnergyFacts.Measurement;
using EnergyFacts.Probes;
using EnergyFacts.Results;
using EnergyFacts.Results.Csv;
using EnergyFacts.Results.Jsonl;

namespace EnergyFacts.Reports.Tests;

/// <summary>One trial of a deterministic results folder: a constant CPU and RAM power for a fixed time.</summary>
internal sealed record SampleTrial(
    string Model,
    int Batch,
    double CpuWatts,
    double Seconds,
    double[] Top1PerEpoch,
    EnergySource CpuSource = EnergySource.Replayed,
    EnergySource? RamSource = EnergySource.Estimated);

/// <summary>Deterministic EnergyFacts results folders, written through the library's own row formats.</summary>
internal static class SampleResults
{
    public static readonly Guid RunId = new("0b7e1c52-9d3a-4f1e-8c2b-5a6d7e8f9a01");

    public static readonly DateTimeOffset StartedAt = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    /// <summary>Nine trials: three models at three batch sizes, replayed, estimated and measured energy, two epochs each; six on the Pareto front.</summary>
    public static IReadOnlyList<SampleTrial> Grid { get; } =
    [
        new("mlp", 64, 40, 6, [0.70, 0.76]),
        new("mlp", 128, 45, 4.5, [0.69, 0.77]),
        new("lenet", 64, 60, 12, [0.79, 0.84]),
        new("lenet", 128, 65, 7, [0.79, 0.85], EnergySource.Estimated, EnergySource.Estimated),
        new("lenet", 256, 70, 6, [0.76, 0.83], EnergySource.Estimated, EnergySource.Estimated),
        new("resnet20", 64, 90, 30, [0.84, 0.90], EnergySource.Measured, EnergySource.Measured),
        new("resnet20", 128, 95, 24, [0.82, 0.875], EnergySource.Measured, null),
        new("resnet20", 256, 98, 21, [0.81, 0.88], EnergySource.Measured, null),
        new("mlp", 256, 50, 4, [0.66, 0.74], EnergySource.Estimated, null),
    ];

    public static HostInfo Host { get; } = new()
    {
        Os = "Linux-6.1.0-test-amd64-x86_64-with-debian12",
        RuntimeVersion = ".NET 10.0.0",
        HarnessVersion = "energyfacts-0.1.0",
        CpuCount = 2,
        CpuModel = "Test CPU, 2 cores @ 2.00GHz",
        RamTotalSizeGigabytes = 16,
    };

    public static ResultRow Row(SampleTrial trial, int index)
    {
        var duration = TimeSpan.FromSeconds(trial.Seconds);
        const double ramWatts = 5;
        var measurement = new EnergyMeasurement
        {
            StartedAt = StartedAt.AddMinutes(index),
            Duration = duration,
            Components =
            [
                new ComponentEnergy(PowerComponent.Cpu, new Joules(trial.CpuWatts * trial.Seconds), new Watts(trial.CpuWatts), trial.CpuSource, ["cpu-probe"], 0),
                new ComponentEnergy(PowerComponent.Gpu, Joules.Zero, Watts.Zero, null, [], 0),
                trial.RamSource is { } ram
                    ? new ComponentEnergy(PowerComponent.Ram, new Joules(ramWatts * trial.Seconds), new Watts(ramWatts), ram, ["ram-probe"], 0)
                    : new ComponentEnergy(PowerComponent.Ram, Joules.Zero, Watts.Zero, null, [], 0),
            ],
            SampleCount = 11,
            Interval = TimeSpan.FromMilliseconds(100),
            SamplerCpuTime = TimeSpan.FromMilliseconds(3),
            Trace = Trace(trial, index, ramWatts),
        };
        var epochSeconds = trial.Seconds / trial.Top1PerEpoch.Length;
        var outcome = new ExperimentOutcome
        {
            ProjectName = "EnergyFacts.Reports.Tests",
            RunId = RunId,
            ExperimentId = string.Create(CultureInfo.InvariantCulture, $"Samples.Train({trial.Model},{trial.Batch},{trial.Top1PerEpoch.Length})"),
            ExperimentName = string.Create(CultureInfo.InvariantCulture, $"Train [{trial.Model} | batch={trial.Batch} | epochs={trial.Top1PerEpoch.Length}]"),
            Model = trial.Model,
            Dataset = "fashion-mnist",
            Epochs = trial.Top1PerEpoch.Length,
            BatchSize = trial.Batch,
            Device = "cpu",
            Samples = 2_000L * trial.Top1PerEpoch.Length,
            History = [.. trial.Top1PerEpoch.Select((top1, i) => new EpochRecord(i + 1, 1.0 - top1, 1.1 - top1, top1, Math.Min(1, top1 + 0.15), 0.01, 2_000, TimeSpan.FromSeconds(epochSeconds))
            {
                // The first epoch pays for warm-up: 1.2 shares of the energy against 1 for each later one.
                Energy = measurement.TotalEnergy * ((i == 0 ? 1.2 : 1.0) / (0.2 + trial.Top1PerEpoch.Length)),
            })],
            Status = ExperimentStatus.Passed,
        };
        var settings = new AccountingSettings("FRA", pue: 1.0);
        return ResultRowFactory.Create(measurement, outcome, settings, CarbonIntensityTable.Default.Lookup(settings.CountryIsoCode), Host) with
        {
            PowerTrace = PowerTraceFile.RelativePath(outcome),
        };
    }

    // A seeded power curve of 80 ticks: a start-up ramp, then the plateau with some wobble, scaled so that the trace's
    // energy is exactly the row's (cpu: CpuWatts × Seconds, ram: 5 W × Seconds).
    private static SampledPowerTrace Trace(SampleTrial trial, int index, double ramWatts)
    {
        const int Ticks = 80;
        var random = new Random(1000 + index);
        var shape = Enumerable.Range(0, Ticks).Select(k => (1 - (0.5 * Math.Exp(-k / 6.0))) * (0.96 + (0.08 * random.NextDouble()))).ToArray();
        var scale = trial.CpuWatts * Ticks / shape.Sum();
        var seconds = new double[Ticks + 1];
        var joules = new double[(Ticks + 1) * 3];
        for (var k = 1; k <= Ticks; k++)
        {
            var step = trial.Seconds / Ticks;
            seconds[k] = trial.Seconds * k / Ticks;
            joules[k * 3] = joules[(k - 1) * 3] + (shape[k - 1] * scale * step);
            joules[(k * 3) + 2] = trial.RamSource is null ? 0 : ramWatts * seconds[k];
        }

        return new SampledPowerTrace(seconds, joules, [trial.CpuSource, null, trial.RamSource]);
    }

    /// <summary>experiments.jsonl lines of <paramref name="trials"/>.</summary>
    public static List<string> JsonLines(IReadOnlyList<SampleTrial> trials) => [.. trials.Select((t, i) => ExperimentsJsonl.FormatRow(Row(t, i)))];

    /// <summary>Writes emissions.csv and experiments.jsonl of <paramref name="trials"/> into <paramref name="folder"/>.</summary>
    public static string WriteFolder(string folder, IReadOnlyList<SampleTrial> trials) => WriteFolder(folder, trials, JsonLines(trials));

    /// <summary>Writes the files with the jsonl lines given (e.g. edited to be damaged).</summary>
    public static string WriteFolder(string folder, IReadOnlyList<SampleTrial> trials, IReadOnlyList<string> jsonLines, string tail = "\n")
    {
        Directory.CreateDirectory(folder);
        var rows = trials.Select(Row).ToList();
        File.WriteAllText(Path.Combine(folder, EmissionsCsv.FileName), EmissionsCsv.HeaderLine + "\n" + string.Concat(rows.Select(r => EmissionsCsv.FormatRow(r) + "\n")));
        File.WriteAllText(Path.Combine(folder, ExperimentsJsonl.FileName), string.Join('\n', jsonLines) + tail);
        foreach (var row in rows)
        {
            PowerTraceFile.Write(folder, row);
        }

        return folder;
    }

    /// <summary>The line with one column set to a raw JSON value (e.g. a negative energy).</summary>
    public static string WithColumn(string line, string column, JsonNode? value)
    {
        var json = JsonNode.Parse(line)!.AsObject();
        json[column] = value;
        return json.ToJsonString();
    }

    /// <summary>A CodeCarbon 2.x emissions.csv of two runs with the experiment columns users add.</summary>
    public static string CodeCarbonCsv() =>
        "timestamp,project_name,run_id,duration,emissions,emissions_rate,cpu_power,gpu_power,ram_power,cpu_energy,gpu_energy,ram_energy,energy_consumed," +
        "country_name,country_iso_code,region,cloud_provider,cloud_region,os,python_version,codecarbon_version,cpu_count,cpu_model,gpu_count,gpu_model," +
        "longitude,latitude,ram_total_size,tracking_mode,on_cloud,pue,model,batch_size,epochs,eval_top1\n" +
        "2024-05-01T10:00:00,cc,7d1c1f7e-0000-4000-8000-000000000001,20,0.0000017,8.5e-08,42.5,0,3,0.000236,0,0.0000167,0.0000527,France,FRA,,,,Linux,3.11.4,2.4.3,8,Test CPU,0,,,,16,machine,N,1.0,vit-tiny,64,2,91.45\n" +
        "2024-05-01T10:05:00,cc,7d1c1f7e-0000-4000-8000-000000000002,15,0.0000012,8.0e-08,42.5,0,3,0.000177,0,0.0000125,0.0000396,France,FRA,,,,Linux,3.11.4,2.4.3,8,Test CPU,0,,,,16,machine,N,1.0,vit-tiny,128,2,90.10\n";
}
