using EnergyFacts.Accounting;

namespace EnergyFacts.Results;

/// <summary>
/// One trial's results, as written by every sink: CodeCarbon's 38 columns, the experiment columns and EnergyFacts'
/// own. Made by <see cref="ResultRowFactory"/>; <see cref="ResultColumns.All"/> says how each property is written.
/// </summary>
internal sealed record ResultRow
{
    // CodeCarbon 3.x columns, in its order.

    /// <summary>End of the measured window.</summary>
    public required DateTimeOffset Timestamp { get; init; }

    /// <summary>Project name.</summary>
    public required string ProjectName { get; init; }

    /// <summary>Run id, one per test-process run.</summary>
    public required Guid RunId { get; init; }

    /// <summary>Stable test-case id.</summary>
    public required string ExperimentId { get; init; }

    /// <summary>Duration of the measured window in seconds.</summary>
    public required double DurationSeconds { get; init; }

    /// <summary>Emissions in kg CO2eq.</summary>
    public required double EmissionsKilograms { get; init; }

    /// <summary>Emissions per second in kg CO2eq/s.</summary>
    public required double EmissionsRateKilogramsPerSecond { get; init; }

    /// <summary>Mean CPU power in W (hardware level, no PUE).</summary>
    public required double CpuPowerWatts { get; init; }

    /// <summary>Mean GPU power in W (hardware level, no PUE).</summary>
    public required double GpuPowerWatts { get; init; }

    /// <summary>Mean RAM power in W (hardware level, no PUE).</summary>
    public required double RamPowerWatts { get; init; }

    /// <summary>CPU energy in kWh, PUE included.</summary>
    public required double CpuEnergyKilowattHours { get; init; }

    /// <summary>GPU energy in kWh, PUE included.</summary>
    public required double GpuEnergyKilowattHours { get; init; }

    /// <summary>RAM energy in kWh, PUE included.</summary>
    public required double RamEnergyKilowattHours { get; init; }

    /// <summary>Total energy in kWh, PUE included.</summary>
    public required double EnergyConsumedKilowattHours { get; init; }

    /// <summary>Water in litres (energy × WUE).</summary>
    public required double WaterConsumedLitres { get; init; }

    /// <summary>Country of the carbon intensity, or <c>World</c>.</summary>
    public required string CountryName { get; init; }

    /// <summary>ISO 3166-1 alpha-3 code, empty for the world average.</summary>
    public required string CountryIsoCode { get; init; }

    /// <summary>Sub-national region, empty.</summary>
    public required string Region { get; init; }

    /// <summary>Cloud provider, empty off-cloud.</summary>
    public required string CloudProvider { get; init; }

    /// <summary>Cloud region, empty off-cloud.</summary>
    public required string CloudRegion { get; init; }

    /// <summary>Operating system.</summary>
    public required string Os { get; init; }

    /// <summary>.NET runtime (CodeCarbon's <c>python_version</c> column).</summary>
    public required string RuntimeVersion { get; init; }

    /// <summary>EnergyFacts version (CodeCarbon's <c>codecarbon_version</c> column).</summary>
    public required string HarnessVersion { get; init; }

    /// <summary>Logical processors.</summary>
    public required int CpuCount { get; init; }

    /// <summary>CPU model.</summary>
    public required string CpuModel { get; init; }

    /// <summary>GPUs measured.</summary>
    public required int GpuCount { get; init; }

    /// <summary>GPU model(s).</summary>
    public required string GpuModel { get; init; }

    /// <summary>Longitude, if known.</summary>
    public double? Longitude { get; init; }

    /// <summary>Latitude, if known.</summary>
    public double? Latitude { get; init; }

    /// <summary>Total RAM in GB (bytes / 2^30).</summary>
    public required double RamTotalSizeGigabytes { get; init; }

    /// <summary>Tracking mode, <c>process</c>.</summary>
    public required string TrackingMode { get; init; }

    /// <summary>Mean CPU utilisation in percent, if sampled.</summary>
    public double? CpuUtilizationPercent { get; init; }

    /// <summary>Mean GPU utilisation in percent, if sampled.</summary>
    public double? GpuUtilizationPercent { get; init; }

    /// <summary>Mean RAM utilisation in percent, if sampled.</summary>
    public double? RamUtilizationPercent { get; init; }

    /// <summary>Mean RAM used in GB, if sampled.</summary>
    public double? RamUsedGigabytes { get; init; }

    /// <summary><c>Y</c> or <c>N</c>.</summary>
    public required string OnCloud { get; init; }

    /// <summary>PUE applied.</summary>
    public required double Pue { get; init; }

    /// <summary>WUE applied in L/kWh.</summary>
    public required double Wue { get; init; }

    // Experiment columns.

    /// <summary>Display name of the case.</summary>
    public required string ExperimentName { get; init; }

    /// <summary>Model name.</summary>
    public required string Model { get; init; }

    /// <summary>Dataset, if set.</summary>
    public string? Dataset { get; init; }

    /// <summary>Epochs asked for.</summary>
    public required int Epochs { get; init; }

    /// <summary>Batch size.</summary>
    public required int BatchSize { get; init; }

    /// <summary>Last epoch's training loss.</summary>
    public double? TrainLoss { get; init; }

    /// <summary>Last epoch's evaluation loss.</summary>
    public double? EvalLoss { get; init; }

    /// <summary>Last epoch's top-1 accuracy (fraction).</summary>
    public double? EvalTop1 { get; init; }

    /// <summary>Last epoch's top-5 accuracy (fraction).</summary>
    public double? EvalTop5 { get; init; }

    /// <summary>Last epoch's learning rate.</summary>
    public double? LearningRate { get; init; }

    // EnergyFacts' own columns.

    /// <summary>1-based trial number.</summary>
    public required int Trial { get; init; }

    /// <summary>Seed, if set.</summary>
    public int? Seed { get; init; }

    /// <summary>Device.</summary>
    public required string Device { get; init; }

    /// <summary>Training samples processed.</summary>
    public required long Samples { get; init; }

    /// <summary>How the trial ended.</summary>
    public required ExperimentStatus Status { get; init; }

    /// <summary>Budget that applied, if any.</summary>
    public string? Budget { get; init; }

    /// <summary>Source per component, e.g. <c>cpu=estimated;gpu=none;ram=estimated</c>.</summary>
    public required string EnergySource { get; init; }

    /// <summary>Probes used.</summary>
    public required string Probes { get; init; }

    /// <summary>Sampler ticks in the window.</summary>
    public required int SampleCount { get; init; }

    /// <summary>CPU seconds the sampler itself used.</summary>
    public required double SamplerCpuSeconds { get; init; }

    /// <summary>Total energy in joules, PUE included (<c>energy_consumed</c> × 3,600,000 without the kWh rounding).</summary>
    public required double EnergyJoules { get; init; }

    /// <summary>Energy per training sample in joules, PUE included; <see langword="null"/> when no samples were reported.</summary>
    public double? JoulesPerSample { get; init; }

    /// <summary>Grid carbon intensity applied, in g CO2eq/kWh.</summary>
    public required double CarbonIntensityGramsPerKilowattHour { get; init; }

    /// <summary>Where the carbon intensity comes from.</summary>
    public required string CarbonIntensitySource { get; init; }

    /// <summary>Sampling interval asked for, in milliseconds.</summary>
    public required double SamplingIntervalMilliseconds { get; init; }

    /// <summary>Readings dropped across all components (faulty probe reads); &gt; 0 means energy may be low.</summary>
    public required int Faults { get; init; }

    /// <summary>Trials the case runs in all.</summary>
    public required int Trials { get; init; }

    /// <summary>Measurement warnings.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>Failure or error text, if any.</summary>
    public string? Message { get; init; }

    // Not columns: written to experiments.jsonl only.

    /// <summary>Per-epoch history (experiments.jsonl only).</summary>
    public IReadOnlyList<EpochRecord> History { get; init; } = [];

    /// <summary>Metrics the experiment reported, typed.</summary>
    public IReadOnlyList<ReportedMetric> Metrics { get; init; } = [];

    /// <summary>Statistics over the case's trials so far, when the caller knows them (experiments.jsonl only).</summary>
    public TrialStatistics? Statistics { get; init; }

    /// <summary>Additional named values (experiments.jsonl only).</summary>
    public IReadOnlyDictionary<string, string>? Extra { get; init; }

    /// <summary>This trial's figures for <see cref="TrialStatistics"/>.</summary>
    public TrialObservation ToObservation() =>
        new(new Joules(EnergyJoules), TimeSpan.FromSeconds(DurationSeconds), new KilogramsCo2e(EmissionsKilograms));
}
