using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using EnergyFacts.Accounting;
using EnergyFacts.Measurement;
using EnergyFacts.Probes;

namespace EnergyFacts.Results.CodeCarbon;

/// <summary>
/// The one place that turns imported CodeCarbon rows into <see cref="ResultRow"/>s (kept in one file so it follows
/// changes to the row's parts). CodeCarbon's energies already include the PUE, so the measurement holds them ÷ PUE and
/// the account holds them as written; the carbon intensity is the one the row implies (emissions ÷ energy_consumed).
/// Rows sharing a run id and experiment id become trials 1, 2, … of one case, in file order.
/// </summary>
internal static class ImportedResultRows
{
    /// <summary>The probe label of imported rows, followed by the CodeCarbon version in the <c>probes</c> column.</summary>
    public const string ProbeId = "codecarbon";

    /// <summary>The rows as result rows, in the same order.</summary>
    public static IReadOnlyList<ResultRow> ToResultRows(IReadOnlyList<ImportedRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var keys = rows.Select(r => (Run: RunIdOf(r), Experiment: ExperimentIdOf(r))).ToList();
        var trials = keys.GroupBy(k => k).ToDictionary(g => g.Key, g => g.Count());
        var seen = new Dictionary<(Guid, string), int>();
        var result = new List<ResultRow>(rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            var trial = seen[keys[i]] = seen.GetValueOrDefault(keys[i]) + 1;
            result.Add(ToResultRow(rows[i], keys[i].Run, keys[i].Experiment, trial, trials[keys[i]]));
        }

        return result;
    }

    private static ResultRow ToResultRow(ImportedRow row, Guid runId, string experimentId, int trial, int trials)
    {
        var pue = row.Pue is > 0 ? row.Pue.Value : 1;
        var duration = TimeSpan.FromSeconds(row.DurationSeconds ?? 0);
        var end = row.Timestamp ?? DateTimeOffset.UnixEpoch;
        var energy = new KilowattHours(row.EnergyConsumedKilowattHours);
        var emissions = row.EmissionsKilograms ?? 0;
        var experiment = row.Experiment;
        var warnings = new List<string> { $"imported from {Path.GetFileName(row.SourcePath)} line {row.Line} (CodeCarbon {row.CodeCarbonVersion})" };
        if (row.TimestampWithoutZone)
        {
            warnings.Add("CodeCarbon's timestamp has no time zone; written as UTC");
        }

        warnings.AddRange(row.Notes);
        if (row.CpuEnergyKilowattHours is null && row.GpuEnergyKilowattHours is null && row.RamEnergyKilowattHours is null)
        {
            warnings.Add($"CodeCarbon {row.CodeCarbonVersion} wrote only the total energy_consumed; it is recorded under cpu, since the split is unknown");
        }
        var intensity = new GridCarbonIntensity(
            row.CountryIsoCode ?? string.Empty,
            row.CountryName ?? "unknown",
            row.EnergyConsumedKilowattHours > 0 ? emissions * 1000 / row.EnergyConsumedKilowattHours : 0,
            "implied by the imported row: emissions ÷ energy_consumed");
        return new ResultRow
        {
            Outcome = new ExperimentOutcome
            {
                ProjectName = row.ProjectName ?? string.Empty,
                RunId = runId,
                ExperimentId = experimentId,
                ExperimentName = experiment.Name ?? row.ProjectName ?? experimentId,
                Model = experiment.Model ?? string.Empty,
                Dataset = experiment.Dataset,
                Epochs = experiment.Epochs ?? 0,
                BatchSize = experiment.BatchSize ?? 0,
                Trial = trial,
                Trials = trials,
                Device = experiment.Device ?? (row.GpuEnergyKilowattHours > 0 || row.GpuCount > 0 ? "cuda" : "cpu"),
                Samples = experiment.Samples ?? 0,
                History = HasEpochFigures(experiment)
                    ? [new EpochRecord(Math.Max(1, experiment.Epochs ?? 1), experiment.TrainLoss, experiment.EvalLoss, experiment.EvalTop1, experiment.EvalTop5, experiment.LearningRate, experiment.Samples ?? 0, duration)]
                    : [],
                Metrics = [.. row.OtherNumbers.Where(n => IsMetricName(n.Key)).Select(n => new ReportedMetric(n.Key.Trim(), n.Value, unit: null, higherIsBetter: !LowerIsBetter(n.Key)))],
                Status = ExperimentStatus.Passed,
                Probes = $"{ProbeId}-{row.CodeCarbonVersion}",
                Utilization = row.Utilization,
            },
            Measurement = new EnergyMeasurement
            {
                StartedAt = end - duration,
                Duration = duration,
                Components = row.CpuEnergyKilowattHours is null && row.GpuEnergyKilowattHours is null && row.RamEnergyKilowattHours is null
                ?
                [
                    // CodeCarbon before per-component columns wrote only the total: kept under cpu and said so (warnings).
                    Component(PowerComponent.Cpu, row.EnergyConsumedKilowattHours, row.CpuPowerWatts, pue, row.CodeCarbonVersion),
                    Component(PowerComponent.Gpu, null, row.GpuPowerWatts, pue, row.CodeCarbonVersion),
                    Component(PowerComponent.Ram, null, row.RamPowerWatts, pue, row.CodeCarbonVersion),
                ]
                :
                [
                    Component(PowerComponent.Cpu, row.CpuEnergyKilowattHours, row.CpuPowerWatts, pue, row.CodeCarbonVersion),
                    Component(PowerComponent.Gpu, row.GpuEnergyKilowattHours, row.GpuPowerWatts, pue, row.CodeCarbonVersion),
                    Component(PowerComponent.Ram, row.RamEnergyKilowattHours, row.RamPowerWatts, pue, row.CodeCarbonVersion),
                ],
                SampleCount = 0,
                Interval = TimeSpan.Zero,
                SamplerCpuTime = TimeSpan.Zero,
                Warnings = warnings,
            },
            Account = new EmissionsAccount
            {
                Duration = duration,
                ItEnergy = energy.ToJoules() / pue,
                FacilityEnergy = energy.ToJoules(),
                CpuEnergy = new KilowattHours(row.CpuEnergyKilowattHours ?? 0),
                GpuEnergy = new KilowattHours(row.GpuEnergyKilowattHours ?? 0),
                RamEnergy = new KilowattHours(row.RamEnergyKilowattHours ?? 0),
                EnergyConsumed = energy,
                Emissions = new KilogramsCo2e(emissions),
                EmissionsRateKilogramsPerSecond = row.EmissionsRateKilogramsPerSecond ?? (duration > TimeSpan.Zero ? emissions / duration.TotalSeconds : 0),
                WaterLitres = row.WaterConsumedLitres ?? 0,
                Intensity = intensity,
                Pue = pue,
                Wue = row.Wue ?? 0,
            },
            Host = new HostInfo
            {
                Os = row.Os ?? string.Empty,
                RuntimeVersion = row.PythonVersion is { } python ? "Python " + python : string.Empty,
                HarnessVersion = row.CodeCarbonVersion,
                CpuCount = (int)(row.CpuCount ?? 0),
                CpuModel = row.CpuModel ?? string.Empty,
                RamTotalSizeGigabytes = row.RamTotalSizeGigabytes ?? 0,
                GpuCount = (int)(row.GpuCount ?? 0),
                GpuModel = row.GpuModel ?? string.Empty,
                TrackingMode = row.TrackingMode ?? string.Empty,
                OnCloud = row.OnCloud ?? "N",
                Region = row.Region ?? string.Empty,
                CloudProvider = row.CloudProvider ?? string.Empty,
                CloudRegion = row.CloudRegion ?? string.Empty,
                Longitude = row.Longitude,
                Latitude = row.Latitude,
            },
        };
    }

    // A component the file gives energy for is imported; one it leaves empty had no figure (none), as in CodeCarbon.
    private static ComponentEnergy Component(PowerComponent component, double? kilowattHours, double? watts, double pue, string version) =>
        kilowattHours is null
            ? new(component, Joules.Zero, new Watts(watts ?? 0), Source: null, [], Faults: 0)
            : new(component, new KilowattHours(kilowattHours.Value).ToJoules() / pue, new Watts(watts ?? 0), EnergySource.Imported, [$"{ProbeId}-{version}"], Faults: 0);

    private static bool HasEpochFigures(ImportedExperiment e) =>
        e.TrainLoss is not null || e.EvalLoss is not null || e.EvalTop1 is not null || e.EvalTop5 is not null || e.LearningRate is not null;

    private static bool IsMetricName(string name) =>
        !string.IsNullOrWhiteSpace(name) && !name.Any(c => c is '=' or ';' || char.IsControl(c));

    private static bool LowerIsBetter(string name) =>
        name.Contains("loss", StringComparison.OrdinalIgnoreCase) || name.Contains("error", StringComparison.OrdinalIgnoreCase)
        || name.Contains("latency", StringComparison.OrdinalIgnoreCase) || name.Contains("time", StringComparison.OrdinalIgnoreCase);

    /// <summary>CodeCarbon's run id; for files without one (before 2.0.0) an id derived from the file name, line and timestamp, stable across imports.</summary>
    private static Guid RunIdOf(ImportedRow row) =>
        Guid.TryParse(row.RunId, out var id)
            ? id
            : new Guid(SHA256.HashData(Encoding.UTF8.GetBytes(string.Create(
                CultureInfo.InvariantCulture,
                $"{Path.GetFileName(row.SourcePath)}|{row.Line}|{row.Timestamp:O}|{row.RunId}")))[..16]);

    private static string ExperimentIdOf(ImportedRow row) =>
        row.ExperimentId ?? (row.Experiment.Name is { } name ? "codecarbon:" + name : "codecarbon:" + (row.ProjectName ?? "unnamed"));
}
