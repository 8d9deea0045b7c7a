using EnergyFacts.Probes;

namespace EnergyFacts.Configuration;

/// <summary>
/// The run's configuration: every setting of <see cref="SettingsRegistry"/> resolved once from all sources and frozen.
/// Nothing deeper in EnergyFacts reads the environment; this object is passed in.
/// </summary>
internal sealed record EnergyFactsSettings
{
    /// <summary>Folder for the results files (absolute).</summary>
    public required string ResultsDirectory { get; init; }

    /// <summary>Probe specification, e.g. <c>auto</c>; replay paths are absolute.</summary>
    public required string Probes { get; init; }

    /// <summary>Sampling interval.</summary>
    public required TimeSpan Interval { get; init; }

    /// <summary>ISO 3166-1 alpha-3 country code, or <see langword="null"/> for the world average.</summary>
    public string? Country { get; init; }

    /// <summary>Cloud region as <c>provider:region</c> (e.g. <c>gcp:europe-west9</c>), or <see langword="null"/> off-cloud.</summary>
    public string? Cloud { get; init; }

    /// <summary>The <c>region</c> column (state or province) given by <c>--energy-region</c>; <see langword="null"/>: the cloud region's state or city.</summary>
    public string? Region { get; init; }

    /// <summary>An explicit carbon intensity and where it was given; it wins over the cloud region and the country.</summary>
    public Accounting.CarbonIntensityOverride? CarbonIntensity { get; init; }

    /// <summary>Power usage effectiveness (≥ 1).</summary>
    public double Pue { get; init; } = 1.0;

    /// <summary>Value of the project_name column.</summary>
    public required string ProjectName { get; init; }

    /// <summary>How long to measure idle power before the first experiment; zero when off.</summary>
    public TimeSpan IdleBaseline { get; init; }

    /// <summary>The machine-wide lock file that keeps experiments apart (absolute).</summary>
    public string ExperimentLockFile { get; init; } = Path.Combine(Path.GetTempPath(), "energyfacts-experiments.lock");

    /// <summary>How long an experiment waits for another process's experiment before failing.</summary>
    public TimeSpan LockTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Longest a trial may run before its token fires (<see cref="TimeSpan.Zero"/>: no limit).</summary>
    public TimeSpan TrialTimeout { get; init; }

    /// <summary>How long a cancelled or timed-out trial may take to return before the framework finishes it without the body.</summary>
    public TimeSpan CancelGrace { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The part of the experiment cases this run runs; 1/1 for all of them.</summary>
    public ExperimentShard Shard { get; init; } = ExperimentShard.All;

    /// <summary>Pause before each measured trial that follows another run of the same case.</summary>
    public TimeSpan CoolDown { get; init; }

    /// <summary>How every row's APC and APEC are computed.</summary>
    public Metrics.RowMetricSettings RowMetrics { get; init; } = Metrics.RowMetricSettings.Default;

    /// <summary>Path of the GitHub step summary file, when running in GitHub Actions.</summary>
    public string? GitHubStepSummary { get; init; }

    /// <summary>What the probes consult (powercap root, NVML library, GPUs, TDP …), from the same sources.</summary>
    public ProbeSettings ProbeSettings { get; init; } = ProbeSettings.Empty;

    /// <summary>Settings of EnergyFacts.Torch, by environment variable name, exported before the first experiment.</summary>
    public IReadOnlyDictionary<string, string> TorchEnvironment { get; init; } = new Dictionary<string, string>();

    /// <summary>The regression gate's settings (baseline, threshold, confidence …); off without a baseline.</summary>
    public Gates.GateSettings Gates { get; init; } = EnergyFacts.Gates.GateSettings.Default;

    /// <summary>Every setting with its value and where it came from, sorted by key (written to <c>experiments.jsonl</c>).</summary>
    public IReadOnlyList<ResolvedSetting> Provenance { get; init; } = [];
}

/// <summary>One setting's final value and its source, e.g. <c>pue = 1.2 from --energy-pue</c>.</summary>
/// <param name="Key">The registry key, e.g. <c>pue</c>.</param>
/// <param name="Value">The parsed value, formatted.</param>
/// <param name="Source">Where it came from: <c>default</c>, <c>ENERGYFACTS_PUE</c>, <c>--energy-pue</c>, <c>/app/testconfig.json:4</c>, <c>MSBuild property EnergyFactsPue</c>.</param>
internal sealed record ResolvedSetting(string Key, string Value, string Source);
