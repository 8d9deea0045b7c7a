using EnergyFacts.Accounting;
using EnergyFacts.Measurement;
using EnergyFacts.Probes;

namespace EnergyFacts.Results;

/// <summary>Builds the one result row of a trial from its measurement, its outcome, the accounting settings and the host.</summary>
internal static class ResultRowFactory
{
    /// <summary>Builds the row.</summary>
    /// <param name="measurement">What the sampler measured over the trial.</param>
    /// <param name="outcome">Who ran what and how it ended.</param>
    /// <param name="settings">PUE, WUE and country.</param>
    /// <param name="intensity">The grid carbon intensity for <paramref name="settings"/>' country.</param>
    /// <param name="host">The machine.</param>
    public static ResultRow Create(
        EnergyMeasurement measurement,
        ExperimentOutcome outcome,
        AccountingSettings settings,
        GridCarbonIntensity intensity,
        HostInfo host)
    {
        ArgumentNullException.ThrowIfNull(measurement);
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(intensity);
        ArgumentNullException.ThrowIfNull(host);
        return Create(measurement, outcome, new EmissionsCalculator(settings, intensity).Account(measurement), settings, intensity, host);
    }

    /// <summary>Builds the row from an account already computed for <paramref name="measurement"/> (a trial accounts once).</summary>
    /// <param name="measurement">What the sampler measured over the trial.</param>
    /// <param name="outcome">Who ran what and how it ended.</param>
    /// <param name="account">Energies with PUE, emissions and water of <paramref name="measurement"/>.</param>
    /// <param name="settings">The PUE, WUE and country <paramref name="account"/> was computed with.</param>
    /// <param name="intensity">The grid carbon intensity <paramref name="account"/> was computed with.</param>
    /// <param name="host">The machine.</param>
    public static ResultRow Create(
        EnergyMeasurement measurement,
        ExperimentOutcome outcome,
        EmissionsAccount account,
        AccountingSettings settings,
        GridCarbonIntensity intensity,
        HostInfo host)
    {
        ArgumentNullException.ThrowIfNull(measurement);
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(intensity);
        ArgumentNullException.ThrowIfNull(host);
        var last = outcome.History.Count > 0 ? outcome.History[^1] : null;
        var utilization = outcome.Utilization;
        return new ResultRow
        {
            Timestamp = measurement.StartedAt + measurement.Duration,
            ProjectName = outcome.ProjectName,
            RunId = outcome.RunId,
            ExperimentId = outcome.ExperimentId,
            DurationSeconds = measurement.Duration.TotalSeconds,
            EmissionsKilograms = account.Emissions.Value,
            EmissionsRateKilogramsPerSecond = account.EmissionsRateKilogramsPerSecond,
            CpuPowerWatts = MeanPower(measurement, PowerComponent.Cpu),
            GpuPowerWatts = MeanPower(measurement, PowerComponent.Gpu),
            RamPowerWatts = MeanPower(measurement, PowerComponent.Ram),
            CpuEnergyKilowattHours = account.CpuEnergy.Value,
            GpuEnergyKilowattHours = account.GpuEnergy.Value,
            RamEnergyKilowattHours = account.RamEnergy.Value,
            EnergyConsumedKilowattHours = account.EnergyConsumed.Value,
            WaterConsumedLitres = account.WaterLitres,
            CountryName = intensity.CountryName,
            CountryIsoCode = intensity.IsoCode,
            Region = host.Region,
            CloudProvider = host.CloudProvider,
            CloudRegion = host.CloudRegion,
            Os = host.Os,
            RuntimeVersion = host.RuntimeVersion,
            HarnessVersion = host.HarnessVersion,
            CpuCount = host.CpuCount,
            CpuModel = host.CpuModel,
            GpuCount = host.GpuCount,
            GpuModel = host.GpuModel,
            Longitude = host.Longitude,
            Latitude = host.Latitude,
            RamTotalSizeGigabytes = host.RamTotalSizeGigabytes,
            TrackingMode = host.TrackingMode,
            CpuUtilizationPercent = utilization?.CpuPercent,
            GpuUtilizationPercent = utilization?.GpuPercent,
            RamUtilizationPercent = utilization?.RamPercent,
            RamUsedGigabytes = utilization?.RamUsedGigabytes,
            OnCloud = host.OnCloud,
            Pue = account.Pue,
            Wue = account.Wue,
            ExperimentName = outcome.ExperimentName,
            Model = outcome.Model,
            Dataset = outcome.Dataset,
            Epochs = outcome.Epochs,
            BatchSize = outcome.BatchSize,
            TrainLoss = last?.TrainLoss,
            EvalLoss = last?.EvalLoss,
            EvalTop1 = last?.EvalTop1,
            EvalTop5 = last?.EvalTop5,
            LearningRate = last?.LearningRate,
            Trial = outcome.Trial,
            Seed = outcome.Seed,
            Device = outcome.Device,
            Samples = outcome.Samples,
            Status = outcome.Status,
            Budget = outcome.Budget,
            EnergySource = DescribeSources(measurement),
            Probes = string.IsNullOrWhiteSpace(outcome.Probes) ? ListProbeIds(measurement) : outcome.Probes,
            SampleCount = measurement.SampleCount,
            SamplerCpuSeconds = measurement.SamplerCpuTime.TotalSeconds,
            EnergyJoules = account.FacilityEnergy.Value,
            JoulesPerSample = outcome.Samples > 0 ? account.FacilityEnergy.Value / outcome.Samples : null,
            CarbonIntensityGramsPerKilowattHour = intensity.GramsPerKilowattHour,
            CarbonIntensitySource = intensity.Source,
            SamplingIntervalMilliseconds = measurement.Interval.TotalMilliseconds,
            Faults = measurement.Components.Sum(c => c.Faults),
            Trials = outcome.Trials,
            Warnings = measurement.Warnings,
            Message = outcome.Message,
            History = outcome.History,
            Metrics = outcome.Metrics,
            Extra = outcome.Extra,
        };
    }

    /// <summary>The per-component source label, e.g. <c>cpu=estimated;gpu=none;ram=measured-partial</c>.</summary>
    public static string DescribeSources(EnergyMeasurement measurement)
    {
        ArgumentNullException.ThrowIfNull(measurement);
        return string.Join(';', measurement.Components.Select(c => $"{ComponentName(c.Component)}={c.SourceLabel}"));
    }

    private static double MeanPower(EnergyMeasurement measurement, PowerComponent component) =>
        measurement.Components.Where(c => c.Component == component).Sum(c => c.MeanPower.Value);

    private static string ListProbeIds(EnergyMeasurement measurement) =>
        string.Join(',', measurement.Components.SelectMany(c => c.ProbeIds).Distinct(StringComparer.Ordinal));

    private static string ComponentName(PowerComponent component) => component switch
    {
        PowerComponent.Cpu => "cpu",
        PowerComponent.Gpu => "gpu",
        PowerComponent.Ram => "ram",
        _ => component.ToString().ToLowerInvariant(),
    };
}
