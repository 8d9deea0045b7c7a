using System.Globalization;
using EnergyFacts.Accounting;
using EnergyFacts.Probes;

namespace EnergyFacts.Configuration;

/// <summary>
/// Every EnergyFacts setting, declared once. <c>--help</c>, the MSBuild props, <c>testconfig.json</c>, the
/// environment and the README table all describe these declarations; <see cref="SettingsResolver"/> is the only reader.
/// </summary>
internal static class SettingsRegistry
{
    public static SettingDefinition<string> Results { get; } = new(
        "results",
        "Folder for emissions.csv, experiments.jsonl and summary.md.",
        string.Empty,
        "<test output dir>/energy-results",
        "a folder path; relative paths resolve against the directory the command was run in",
        unit: null,
        FullPath)
    {
        EnvironmentVariable = "ENERGYFACTS_RESULTS_DIR",
        MsBuildProperty = "EnergyFactsResultsDir",
        IsPath = true,
    };

    public static SettingDefinition<string> Probes { get; } = new(
        "probes",
        "Probes that measure, by component.",
        ProbeCatalog.Auto,
        ProbeCatalog.Auto,
        "a comma list of auto, rapl, nvml, cpu-model, ram-model, constant:cpu=W,gpu=W,ram=W, replay:PATH",
        unit: null,
        ParseProbes);

    public static SettingDefinition<TimeSpan> Interval { get; } = new(
        "interval",
        "Sampling interval.",
        TimeSpan.FromMilliseconds(100),
        "100",
        "milliseconds from 1 to 3600000, e.g. 100",
        "ms",
        raw => TimeSpan.FromMilliseconds(ParseNumber(raw, 1, 3_600_000)),
        v => v.TotalMilliseconds.ToString("R", CultureInfo.InvariantCulture))
    {
        EnvironmentVariable = "ENERGYFACTS_INTERVAL_MS",
    };

    public static SettingDefinition<string> Country { get; } = new(
        "country",
        "Country of the grid's carbon intensity (empty: the world average).",
        string.Empty,
        "world average",
        "an ISO 3166-1 alpha-3 code known to the carbon-intensity table, e.g. FRA, USA, DEU",
        unit: null,
        ParseCountry);

    // Conflicts: a cloud region given with a country wins (its country fills the country columns, the source names the
    // country as overridden); an explicit intensity wins over both (CarbonIntensityChoice).
    public static SettingDefinition<string> Cloud { get; } = new(
        "cloud",
        "Cloud provider and region the run is on: the region's carbon intensity and country (wins over --energy-country), and on_cloud = Y.",
        string.Empty,
        "not on a cloud",
        "provider:region from CodeCarbon's cloud-region table (impact.csv), e.g. gcp:europe-west9",
        unit: null,
        ParseCloud);

    public static SettingDefinition<double> CarbonIntensity { get; } = new(
        "carbon-intensity",
        "Grid carbon intensity to use instead of the cloud region's, the country's or the world average.",
        0,
        "from the cloud region, else the country, else the world average",
        "g CO2eq/kWh, more than 0 and at most 2000, e.g. 56",
        "g CO2eq/kWh",
        raw => ParseNumber(raw, double.Epsilon, CarbonIntensityChoice.MaxGramsPerKilowattHour),
        v => v.ToString("R", CultureInfo.InvariantCulture));

    public static SettingDefinition<double> Pue { get; } = new(
        "pue",
        "Power usage effectiveness of the data centre; multiplies every energy figure.",
        1.0,
        "1.0",
        "a number from 1.0 (no overhead) to 10; typical data centres 1.1–1.6",
        unit: null,
        raw => ParseNumber(raw, 1.0, 10.0),
        v => v.ToString("R", CultureInfo.InvariantCulture));

    public static SettingDefinition<string> Project { get; } = new(
        "project",
        "Value of the project_name column.",
        string.Empty,
        "<test assembly name>",
        "any text",
        unit: null,
        raw => raw.Text);

    public static SettingDefinition<TimeSpan> Idle { get; } = new(
        "idle",
        "Idle power measured before the first experiment; results then also report energy above idle.",
        TimeSpan.Zero,
        "0 (off)",
        "seconds from 0 (off) to 600, e.g. 5",
        "s",
        raw => TimeSpan.FromSeconds(ParseNumber(raw, 0, 600)),
        v => v.TotalSeconds.ToString("R", CultureInfo.InvariantCulture))
    {
        EnvironmentVariable = "ENERGYFACTS_IDLE_SECONDS",
        MsBuildProperty = "EnergyFactsIdleSeconds",
    };

    public static SettingDefinition<string> LockFile { get; } = new(
        "lock-file",
        "The machine-wide lock file that keeps experiments of all test processes from overlapping.",
        string.Empty,
        "<temp>/energyfacts-experiments.lock",
        "a file path; processes that should exclude each other must use the same one",
        unit: null,
        FullPath)
    {
        IsPath = true,
    };

    public static SettingDefinition<TimeSpan> LockTimeout { get; } = new(
        "lock-timeout",
        "How long an experiment waits for another process's experiment to finish before it fails.",
        TimeSpan.FromMinutes(10),
        "600",
        "seconds from 1 to 86400",
        "s",
        raw => TimeSpan.FromSeconds(ParseNumber(raw, 1, 86_400)),
        v => v.TotalSeconds.ToString("R", CultureInfo.InvariantCulture));

    public static SettingDefinition<TimeSpan> TrialTimeout { get; } = new(
        "trial-timeout",
        "Longest a trial may run; then its cancellation token fires and the trial ends as timed_out.",
        TimeSpan.Zero,
        "0 (no limit)",
        "seconds from 0 (no limit) to 604800 (a week), e.g. 3600",
        "s",
        raw => TimeSpan.FromSeconds(ParseNumber(raw, 0, 604_800)),
        v => v.TotalSeconds.ToString("R", CultureInfo.InvariantCulture));

    public static SettingDefinition<TimeSpan> CoolDown { get; } = new(
        "cool-down",
        "Pause before each measured trial after a case's first run, so heat and turbo state of the last one fade (Zeus profiles this way).",
        TimeSpan.Zero,
        "0 (none)",
        "seconds from 0 to 3600",
        "s",
        raw => TimeSpan.FromSeconds(ParseNumber(raw, 0, 3_600)),
        v => v.TotalSeconds.ToString("R", CultureInfo.InvariantCulture));

    public static SettingDefinition<double> ApcAlpha { get; } = new(
        "apc-alpha",
        "APC's α (Jurj et al.): the weight of the consumption that does not depend on accuracy.",
        Metrics.ApcWeights.DefaultAlpha,
        "0.1",
        "a fraction from 0 to 1",
        unit: null,
        raw => ParseNumber(raw, 0, 1),
        v => v.ToString("R", CultureInfo.InvariantCulture));

    public static SettingDefinition<double> ApcBeta { get; } = new(
        "apc-beta",
        "APC's β (Jurj et al.): how strongly consumption lowers the score.",
        Metrics.ApcWeights.DefaultBeta,
        "1",
        "a number from 0 to 1000000",
        unit: null,
        raw => ParseNumber(raw, 0, 1_000_000),
        v => v.ToString("R", CultureInfo.InvariantCulture));

    public static SettingDefinition<Metrics.ConsumptionUnit> ApcUnit { get; } = new(
        "apc-unit",
        "The consumption unit of every row's APC and APEC: energy per run or per sample (inference).",
        Metrics.ConsumptionUnit.WattHoursPerRun,
        "Wh/run",
        "ENERGY/BASIS with ENERGY one of J, Wh, kWh and BASIS run, sample or inference, e.g. Wh/run or J/inference",
        unit: null,
        ParseConsumptionUnit,
        v => v.ToString());

    public static SettingDefinition<string> Performance { get; } = new(
        "performance",
        "The performance figure of every row's APC and APEC: the last epoch's top-1 or a metric the experiment reports (a fraction, e.g. mIoU).",
        "top1",
        "top1",
        "top1 or metric:NAME, e.g. metric:mIoU",
        unit: null,
        raw => raw.Text == "top1" ? "top1"
            : raw.Text.StartsWith("metric:", StringComparison.Ordinal) && raw.Text.Length > 7 ? raw.Text[7..]
            : throw new SettingValueException("the performance figure is top1 or metric:NAME"));

    public static SettingDefinition<string> Price { get; } = new(
        "price",
        "Electricity price per kWh for every row's APEC (none: no APEC).",
        string.Empty,
        "none (no APEC)",
        "an amount above 0 and a currency, e.g. 0.25 EUR",
        unit: null,
        raw => FormatPrice(raw));

    public static SettingDefinition<double> TtcapcTarget { get; } = new(
        "ttcapc-target",
        "TTCAPC's and TTCAPEC's target τ: a case's last trial reports the training time to the epoch whose APC (APEC) of its cumulative energy is closest to it (none: no TTCAPC).",
        0,
        "none (no TTCAPC)",
        "a fraction from 0 to 1, e.g. 0.8",
        unit: null,
        raw => ParseNumber(raw, 0, 1),
        v => v.ToString("R", CultureInfo.InvariantCulture));

    public static SettingDefinition<Joules> ReferenceEnergy { get; } = new(
        "reference-energy",
        "FMS's reference energy E_ref: the energy score is E_ref / (E_ref + energy), ½ at E_ref.",
        new Joules(Joules.PerKilowattHour),
        "1 kWh",
        "an energy above 0 with its unit J, Wh or kWh, e.g. 1 kWh, 50 Wh or 3600 J",
        unit: null,
        ParseEnergy,
        v => v.Value.ToString("R", CultureInfo.InvariantCulture) + " J");

    public static SettingDefinition<double> FmsBeta { get; } = new(
        "fms-beta",
        "FMS's β: 1 weighs performance and energy score equally, more than 1 the energy score, less than 1 the performance (as F-beta weighs recall).",
        1,
        "1",
        "a number above 0 and at most 1000",
        unit: null,
        raw => ParseNumber(raw, double.Epsilon, 1000),
        v => v.ToString("R", CultureInfo.InvariantCulture));

    public static SettingDefinition<string> Region { get; } = new(
        "region",
        "The region column (CodeCarbon: state or province), instead of the --energy-cloud region's state or city from impact.csv.",
        string.Empty,
        "the cloud region's state or city, else empty",
        "a name of 1 to 100 characters without control characters, e.g. Île-de-France",
        unit: null,
        ParseRegion);

    public static SettingDefinition<ExperimentShard> Shard { get; } = new(
        "shard",
        "Run only shard K of N of the experiment cases (deterministic and balanced by case id), e.g. one per CI matrix job.",
        ExperimentShard.All,
        "1/1 (all cases)",
        ExperimentShard.Allowed,
        unit: null,
        raw => ExperimentShard.Parse(raw.Text),
        v => v.ToString());

    public static SettingDefinition<TimeSpan> CancelGrace { get; } = new(
        "cancel-grace",
        "How long a cancelled or timed-out trial may take to return before its row is written without it and the process ends.",
        TimeSpan.FromSeconds(10),
        "10",
        "seconds from 0.1 to 3600",
        "s",
        raw => TimeSpan.FromSeconds(ParseNumber(raw, 0.1, 3_600)),
        v => v.TotalSeconds.ToString("R", CultureInfo.InvariantCulture));

    public static SettingDefinition<string> PowercapRoot { get; } = ProbePath(
        "powercap-root", "Root of the Linux powercap tree the rapl probe reads.", "/sys/class/powercap");

    public static SettingDefinition<string> NvmlLibrary { get; } = ProbePath(
        "nvml-library", "Path of libnvidia-ml.so.1 / nvml.dll for the nvml probe.", "found by the loader");

    public static SettingDefinition<string> Gpus { get; } = new(
        "gpus",
        "NVML device indices or UUIDs the nvml probe measures.",
        string.Empty,
        "CUDA_VISIBLE_DEVICES, else all",
        "a comma list of indices (0,1) or GPU UUIDs",
        unit: null,
        raw => CheckedByProbes("ENERGYFACTS_GPUS", raw, raw.Text));

    public static SettingDefinition<double> TdpWatts { get; } = new(
        "tdp-watts",
        "The CPU's thermal design power for the cpu-model estimate, instead of the table lookup.",
        0,
        "from the CPU model table",
        "watts, more than 0 and at most 2000 (the largest server CPUs are below 500 W)",
        "W",
        raw => CheckedByProbes("ENERGYFACTS_TDP_WATTS", raw, ParseNumber(raw, double.Epsilon, 2000)),
        v => v.ToString("R", CultureInfo.InvariantCulture));

    public static SettingDefinition<string> CpuModel { get; } = new(
        "cpu-model",
        "CPU model name the cpu-model estimate looks up, instead of the detected one.",
        string.Empty,
        "detected",
        "a CPU model name as in the TDP table, e.g. AMD EPYC 7763",
        unit: null,
        raw => raw.Text);

    public static SettingDefinition<string> LibTorchDirectory { get; } = ProbePath(
        "libtorch-dir", "An external libtorch 2.10.x folder EnergyFacts.Torch loads instead of the bundled CPU build.", "the bundled CPU libtorch");

    public static SettingDefinition<string> DataDirectory { get; } = ProbePath(
        "data-dir", "Folder of datasets (e.g. fashion-mnist/) EnergyFacts.Torch reads before the embedded subset.", "the installed or embedded data");

    // Threads of libtorch's CPU pools (EnergyFacts.Torch's TorchThreads reads them; "auto" applies its measured rule).
    public static SettingDefinition<string> IntraOpThreads { get; } = new(
        "intra-op-threads",
        "Threads of one CPU operation (libtorch's intra-op pool, OpenMP); auto: the physical cores not busy with other processes, measured when an experiment prepares.",
        "auto",
        "auto",
        "auto, or a whole number from 1 to 1024",
        unit: null,
        raw => ParseThreads(raw));

    public static SettingDefinition<string> InterOpThreads { get; } = new(
        "inter-op-threads",
        "Threads that run independent CPU operations in parallel (libtorch's inter-op pool); set once per process, before the first operation.",
        "auto",
        "auto (libtorch's default)",
        "auto, or a whole number from 1 to 1024",
        unit: null,
        raw => ParseThreads(raw));

    // The regression gate's settings (src/EnergyFacts/Gates, GateSettings).
    public static SettingDefinition<string> Baseline { get; } = new(
        "baseline",
        "Baseline file the regression gate compares each case with (by experiment id); none: no gate.",
        string.Empty,
        "none (no gate)",
        "a file path; relative paths resolve against the directory the command was run in; a missing file is a first run",
        unit: null,
        FullPath)
    {
        IsPath = true,
    };

    public static SettingDefinition<bool> UpdateBaseline { get; } = new(
        "update-baseline", "Write or refresh the baseline file with this run's cases.", false, "false", "true or false", unit: null, ParseFlag);

    public static SettingDefinition<bool> BaselineAllowMismatch { get; } = new(
        "baseline-allow-mismatch",
        "Compare with the baseline even when machine or source (measured, estimated …) differ; the difference is still reported.",
        false,
        "false",
        "true or false",
        unit: null,
        ParseFlag);

    public static SettingDefinition<Gates.RelativeThreshold> RegressionThreshold { get; } = new(
        "regression-threshold",
        "Practical threshold of the regression gate: a change within it is no change.",
        Gates.RelativeThreshold.Default,
        "0.05",
        Gates.RelativeThreshold.Allowed,
        unit: null,
        raw => Gates.RelativeThreshold.TryParse(raw.Text, out var problem) ?? throw new SettingValueException(problem!),
        v => v.Fraction.ToString("R", CultureInfo.InvariantCulture));

    public static SettingDefinition<bool> FailInconclusive { get; } = new(
        "fail-inconclusive", "An inconclusive gate verdict fails the case.", false, "false", "true or false", unit: null, ParseFlag);

    public static SettingDefinition<bool> RequireBaseline { get; } = new(
        "require-baseline", "A missing baseline file, or a case it lacks, fails the case.", false, "false", "true or false", unit: null, ParseFlag);

    public static SettingDefinition<int> MaxExtraTrials { get; } = new(
        "max-extra-trials", "Extra trials run at most for a case the gate finds inconclusive.", 0, "0", "a whole number from 0 to 1000", unit: null, raw => ParseWholeNumber(raw, 0, 1000));

    public static SettingDefinition<Gates.GatedFigure> GateFigure { get; } = new(
        "gate-figure", "The figure the regression gate compares.", Gates.GatedFigure.Energy, "energy", Gates.GatedFigure.Allowed, unit: null, raw => Gates.GatedFigure.TryParse(raw.Text, out var figure) ? figure! : throw new SettingValueException("not a gated figure"));

    public static SettingDefinition<Gates.GateConfidence> GateConfidence { get; } = new(
        "gate-confidence",
        "Two-sided confidence of the gate's ratio bounds.",
        Gates.GateConfidence.Default,
        "0.95",
        Gates.GateConfidence.Allowed,
        unit: null,
        raw => Gates.GateConfidence.TryParse(raw.Text, out var problem) ?? throw new SettingValueException(problem!),
        v => v.Level.ToString("R", CultureInfo.InvariantCulture));

    public static SettingDefinition<string> AccuracyGain { get; } = new(
        "accuracy-gain",
        "Energy–accuracy gate: an energy regression beyond the threshold is accepted only when the accuracy figure gained at least this much (the lower bound of its Hodges–Lehmann shift against the baseline).",
        string.Empty,
        "none (off)",
        Gates.AccuracyGainRequirement.Allowed,
        unit: null,
        raw => Gates.AccuracyGainRequirement.TryParse(raw.Text, out var problem)?.ToString() ?? throw new SettingValueException(problem!));

    /// <summary>Every setting, in help order.</summary>
    public static IReadOnlyList<SettingDefinition> All { get; } =
    [
        Results, Probes, Interval, Country, Cloud, CarbonIntensity, Pue, Project, Idle, LockFile, LockTimeout, TrialTimeout, CancelGrace, Shard, CoolDown, ApcAlpha, ApcBeta, ApcUnit, Performance, Price, TtcapcTarget, ReferenceEnergy, FmsBeta, Region,
        PowercapRoot, NvmlLibrary, Gpus, TdpWatts, CpuModel, LibTorchDirectory, DataDirectory, IntraOpThreads, InterOpThreads,
        Baseline, UpdateBaseline, BaselineAllowMismatch, RegressionThreshold, FailInconclusive, RequireBaseline, MaxExtraTrials, GateFigure, GateConfidence, AccuracyGain,
    ];

    /// <summary>Settings whose values EnergyFacts hands to the probes (<see cref="ProbeSettings"/>), by their variable names.</summary>
    public static IReadOnlyList<SettingDefinition> ProbeLevel { get; } = [PowercapRoot, NvmlLibrary, Gpus, TdpWatts, CpuModel];

    /// <summary>
    /// Settings of EnergyFacts.Torch, which reads only its documented environment variables (it stands alone, without
    /// this library): a value from any source is exported to the process environment before the first experiment.
    /// </summary>
    public static IReadOnlyList<SettingDefinition> TorchLevel { get; } = [LibTorchDirectory, DataDirectory, IntraOpThreads, InterOpThreads];

    /// <summary>The regression gate's settings from the resolver's parsed values (<see langword="null"/> for a setting at its default).</summary>
    public static Gates.GateSettings GateSettingsFrom(Func<SettingDefinition, object?> resolved)
    {
        ArgumentNullException.ThrowIfNull(resolved);
        return new Gates.GateSettings
        {
            BaselinePath = resolved(Baseline) as string,
            UpdateBaseline = resolved(UpdateBaseline) is true,
            AllowMismatch = resolved(BaselineAllowMismatch) is true,
            RegressionThreshold = resolved(RegressionThreshold) as Gates.RelativeThreshold? ?? Gates.RelativeThreshold.Default,
            FailInconclusive = resolved(FailInconclusive) is true,
            RequireBaseline = resolved(RequireBaseline) is true,
            MaxExtraTrials = resolved(MaxExtraTrials) as int? ?? 0,
            Figure = resolved(GateFigure) as Gates.GatedFigure ?? Gates.GatedFigure.Energy,
            Confidence = resolved(GateConfidence) as Gates.GateConfidence? ?? Gates.GateConfidence.Default,
            AccuracyGain = resolved(AccuracyGain) is string gain ? Gates.AccuracyGainRequirement.TryParse(gain, out _) : null,
        };
    }

    private static bool ParseFlag(RawSetting raw) => raw.Text.ToLowerInvariant() switch
    {
        "true" => true,
        "false" => false,
        _ => throw new SettingValueException("not true or false"),
    };

    // Kept as text ("auto" or the count): EnergyFacts.Torch reads it from its environment variable.
    private static string ParseThreads(RawSetting raw) =>
        string.Equals(raw.Text, "auto", StringComparison.OrdinalIgnoreCase)
            ? "auto"
            : ParseWholeNumber(raw, 1, 1024).ToString(CultureInfo.InvariantCulture);

    private static int ParseWholeNumber(RawSetting raw, int min, int max) =>
        int.TryParse(raw.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new SettingValueException(string.Create(CultureInfo.InvariantCulture, $"not a whole number from {min} to {max}"));

    private static SettingDefinition<string> ProbePath(string key, string help, string defaultText) => new(
        key, help, string.Empty, defaultText, "a path; relative paths resolve against the directory the command was run in", unit: null,
        FullPath)
    {
        IsPath = true,
    };

    // Path.GetFullPath throws ArgumentException on a NUL character; a setting refuses it with the setting's own message.
    private static string FullPath(RawSetting raw) =>
        raw.Text.Contains('\0', StringComparison.Ordinal)
            ? throw new SettingValueException("a path cannot hold a NUL character")
            : Path.GetFullPath(raw.Text, raw.BaseDirectory);

    private static Metrics.ConsumptionUnit ParseConsumptionUnit(RawSetting raw)
    {
        Metrics.ConsumptionUnit unit;
        try
        {
            unit = Metrics.ConsumptionUnit.Parse(raw.Text);
        }
        catch (FormatException e)
        {
            throw new SettingValueException(e.Message);
        }

        return Metrics.RowMetricSettings.RowBases.Contains(unit.Basis)
            ? unit
            : throw new SettingValueException($"a row's consumption is per run, sample or inference, not per '{unit.Basis}'");
    }

    // Checked here, kept as text: the price's currency is recorded, never converted.
    private static string FormatPrice(RawSetting raw)
    {
        try
        {
            return Metrics.RowMetricSettings.ParsePrice(raw.Text).ToString();
        }
        catch (FormatException e)
        {
            throw new SettingValueException(e.Message);
        }
    }

    private static Joules ParseEnergy(RawSetting raw)
    {
        var text = raw.Text.Trim();
        var split = text.Length;
        while (split > 0 && char.IsAsciiLetter(text[split - 1]))
        {
            split--;
        }

        if (split == text.Length || !Metrics.EnergyUnits.TryParse(text[split..], out var unit))
        {
            throw new SettingValueException("an energy needs its unit: J, Wh or kWh");
        }

        if (!double.TryParse(text[..split].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var amount) || !double.IsFinite(amount) || amount <= 0)
        {
            throw new SettingValueException("not an amount above 0");
        }

        return new Joules(amount * Metrics.EnergyUnits.JoulesPerUnit(unit));
    }

    private static string ParseRegion(RawSetting raw)
    {
        var text = raw.Text.Trim();
        return text.Length is 0 or > 100 || text.Any(char.IsControl)
            ? throw new SettingValueException("a region is 1 to 100 characters without control characters")
            : text;
    }

    private static double ParseNumber(RawSetting raw, double min, double max)
    {
        if (!double.TryParse(raw.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            throw new SettingValueException("not a finite number");
        }

        if (value < min || value > max)
        {
            throw new SettingValueException("out of range");
        }

        return value;
    }

    private static string ParseCountry(RawSetting raw)
    {
        var code = raw.Text.ToUpperInvariant();
        if (code.Length != 3 || !code.All(char.IsAsciiLetterUpper))
        {
            throw new SettingValueException("not an ISO 3166-1 alpha-3 code");
        }

        try
        {
            _ = CarbonIntensityTable.Default.Lookup(code);
        }
        catch (UnknownCountryCodeException ex)
        {
            throw new SettingValueException(ex.Message);
        }

        return code;
    }

    private static string ParseCloud(RawSetting raw) =>
        CloudRegionTable.Default.Find(raw.Text, out var problem)?.Key ?? throw new SettingValueException(problem!);

    private static string ParseProbes(RawSetting raw)
    {
        // Syntax only (names, arguments): whether a probe is available here is decided when the first trial opens.
        // A relative replay path resolves against ProbeSettings.BaseDirectory, the directory the command ran in.
        return ProbeRules.Catalog.Validate(raw.Text) is { } problem ? throw new SettingValueException(problem) : raw.Text;
    }

    /// <summary>The probe providers' own rules for their settings, applied after the registry's parsing.</summary>
    private static T CheckedByProbes<T>(string variable, RawSetting raw, T value)
    {
        var rule = ProbeRules.Catalog.Settings.FirstOrDefault(s => s.Name == variable);
        return rule?.Validate(raw.Text) is { } problem ? throw new SettingValueException(problem) : value;
    }

    private static class ProbeRules
    {
        public static ProbeCatalog Catalog { get; } = DefaultProbeProviders.CreateCatalog();
    }
}
