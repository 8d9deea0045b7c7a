namespace EnergyFacts.Results.CodeCarbon;

/// <summary>
/// One row of a CodeCarbon <c>emissions.csv</c>, typed, in CodeCarbon's units (kWh, W, kg CO2eq, s), with the
/// experiment columns users add beside CodeCarbon's. A value the file does not have is <see langword="null"/>.
/// </summary>
internal sealed record ImportedRow
{
    /// <summary>The file it came from.</summary>
    public required string SourcePath { get; init; }

    /// <summary>1-based line it starts on.</summary>
    public required int Line { get; init; }

    /// <summary>
    /// CodeCarbon's version: the row's <c>codecarbon_version</c>, or the release range its header matches (e.g.
    /// <c>2.0.0..2.1.4</c>) for files older than 2.2.0, or <c>unknown</c>.
    /// </summary>
    public required string CodeCarbonVersion { get; init; }

    /// <summary>CodeCarbon's <c>timestamp</c> as written: local time of the writing machine, usually without a time zone.</summary>
    public DateTimeOffset? Timestamp { get; init; }

    /// <summary>True when the timestamp carried no time zone (CodeCarbon's default) and was read as UTC.</summary>
    public bool TimestampWithoutZone { get; init; }

    /// <summary><c>project_name</c>.</summary>
    public string? ProjectName { get; init; }

    /// <summary><c>run_id</c> (2.0.0 on).</summary>
    public string? RunId { get; init; }

    /// <summary><c>experiment_id</c> (0.0.9–1.2.0 and 2.7.0 on).</summary>
    public string? ExperimentId { get; init; }

    /// <summary><c>duration</c> in seconds.</summary>
    public double? DurationSeconds { get; init; }

    /// <summary><c>emissions</c> in kg CO2eq.</summary>
    public double? EmissionsKilograms { get; init; }

    /// <summary><c>emissions_rate</c> in kg CO2eq/s (converted from g/s for 2.0.0–2.1.4).</summary>
    public double? EmissionsRateKilogramsPerSecond { get; init; }

    /// <summary><c>cpu_power</c> in W.</summary>
    public double? CpuPowerWatts { get; init; }

    /// <summary><c>gpu_power</c> in W.</summary>
    public double? GpuPowerWatts { get; init; }

    /// <summary><c>ram_power</c> in W.</summary>
    public double? RamPowerWatts { get; init; }

    /// <summary><c>cpu_energy</c> in kWh (PUE included).</summary>
    public double? CpuEnergyKilowattHours { get; init; }

    /// <summary><c>gpu_energy</c> in kWh (PUE included).</summary>
    public double? GpuEnergyKilowattHours { get; init; }

    /// <summary><c>ram_energy</c> in kWh (PUE included).</summary>
    public double? RamEnergyKilowattHours { get; init; }

    /// <summary><c>energy_consumed</c> in kWh (PUE included); the sum of the components when the file has no such column.</summary>
    public required double EnergyConsumedKilowattHours { get; init; }

    /// <summary><c>water_consumed</c> in litres (3.0.8 on).</summary>
    public double? WaterConsumedLitres { get; init; }

    /// <summary><c>country_name</c>.</summary>
    public string? CountryName { get; init; }

    /// <summary><c>country_iso_code</c>.</summary>
    public string? CountryIsoCode { get; init; }

    /// <summary><c>region</c>.</summary>
    public string? Region { get; init; }

    /// <summary><c>cloud_provider</c>.</summary>
    public string? CloudProvider { get; init; }

    /// <summary><c>cloud_region</c>.</summary>
    public string? CloudRegion { get; init; }

    /// <summary><c>on_cloud</c>, <c>Y</c> or <c>N</c>.</summary>
    public string? OnCloud { get; init; }

    /// <summary><c>os</c>.</summary>
    public string? Os { get; init; }

    /// <summary><c>python_version</c>.</summary>
    public string? PythonVersion { get; init; }

    /// <summary><c>cpu_count</c>.</summary>
    public double? CpuCount { get; init; }

    /// <summary><c>cpu_model</c>.</summary>
    public string? CpuModel { get; init; }

    /// <summary><c>gpu_count</c>.</summary>
    public double? GpuCount { get; init; }

    /// <summary><c>gpu_model</c>.</summary>
    public string? GpuModel { get; init; }

    /// <summary><c>longitude</c> in degrees.</summary>
    public double? Longitude { get; init; }

    /// <summary><c>latitude</c> in degrees.</summary>
    public double? Latitude { get; init; }

    /// <summary><c>ram_total_size</c> in GB.</summary>
    public double? RamTotalSizeGigabytes { get; init; }

    /// <summary><c>tracking_mode</c>, <c>machine</c> or <c>process</c>.</summary>
    public string? TrackingMode { get; init; }

    /// <summary>The four utilisation columns of 3.2.1 on.</summary>
    public ResourceUtilization? Utilization { get; init; }

    /// <summary><c>pue</c> (2.2.3 on; CodeCarbon's default 1).</summary>
    public double? Pue { get; init; }

    /// <summary><c>wue</c> in L/kWh (3.0.8 on).</summary>
    public double? Wue { get; init; }

    /// <summary>The experiment columns users add: <c>experiment_name</c>, <c>model</c>, <c>dataset</c>, epochs, batch size, losses, accuracy.</summary>
    public ImportedExperiment Experiment { get; init; } = new();

    /// <summary>Other numeric columns the user added, by name.</summary>
    public IReadOnlyList<KeyValuePair<string, double>> OtherNumbers { get; init; } = [];

    /// <summary>What the reader did to this row that its reader should know (a ragged row rebuilt, a unit converted).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}

/// <summary>The experiment columns of an imported row (the EE-Training layout: model, dataset, epochs, batch_size, losses, top-1/top-5, lr).</summary>
internal sealed record ImportedExperiment
{
    /// <summary><c>experiment_name</c>.</summary>
    public string? Name { get; init; }

    /// <summary><c>model</c>.</summary>
    public string? Model { get; init; }

    /// <summary><c>dataset</c>.</summary>
    public string? Dataset { get; init; }

    /// <summary><c>device</c>, when the user recorded it.</summary>
    public string? Device { get; init; }

    /// <summary><c>epochs</c>.</summary>
    public int? Epochs { get; init; }

    /// <summary><c>batch_size</c>.</summary>
    public int? BatchSize { get; init; }

    /// <summary><c>samples</c>, when the user recorded it.</summary>
    public long? Samples { get; init; }

    /// <summary><c>train_loss</c>.</summary>
    public double? TrainLoss { get; init; }

    /// <summary><c>eval_loss</c>.</summary>
    public double? EvalLoss { get; init; }

    /// <summary>Top-1 accuracy as a fraction (<c>eval_top1</c>, <c>accuracy</c> …; percentages normalised).</summary>
    public double? EvalTop1 { get; init; }

    /// <summary>Top-5 accuracy as a fraction (<c>eval_top5</c> …; percentages normalised).</summary>
    public double? EvalTop5 { get; init; }

    /// <summary><c>lr</c>.</summary>
    public double? LearningRate { get; init; }
}
