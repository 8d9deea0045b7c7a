using EnergyFacts.Measurement;
using EnergyFacts.Probes;

namespace EnergyFacts.Results;

/// <summary>
/// The results columns, in order: first CodeCarbon 3.x's 38 <c>emissions.csv</c> columns (same names, order, units
/// and meanings), then the experiment columns, then EnergyFacts' own. Every sink writes exactly these.
/// </summary>
internal static class ResultColumns
{
    /// <summary>How many leading columns are CodeCarbon's.</summary>
    public const int CodeCarbonCount = 38;

    private const ResultColumnGroup CodeCarbon = ResultColumnGroup.CodeCarbon;
    private const ResultColumnGroup Experiment = ResultColumnGroup.Experiment;
    private const ResultColumnGroup Own = ResultColumnGroup.EnergyFacts;
    private const ResultColumnKind Text = ResultColumnKind.Text;
    private const ResultColumnKind Integer = ResultColumnKind.WholeNumber;
    private const ResultColumnKind Number = ResultColumnKind.Number;

    /// <summary>All columns in file order.</summary>
    public static IReadOnlyList<ResultColumn> All { get; } =
    [
        new("timestamp", CodeCarbon, ResultColumnKind.Timestamp, "", "End of the measured window, ISO 8601 with UTC offset.", r => r.Measurement.StartedAt + r.Measurement.Duration),
        new("project_name", CodeCarbon, Text, "", "Project, e.g. the test assembly.", r => r.Outcome.ProjectName),
        new("run_id", CodeCarbon, Text, "", "One id per test-process run.", r => r.Outcome.RunId),
        new("experiment_id", CodeCarbon, Text, "", "Stable id of the test case, the same across runs.", r => r.Outcome.ExperimentId),
        new("duration", CodeCarbon, Number, "s", "Length of the measured window (monotonic clock).", r => r.Measurement.Duration.TotalSeconds),
        new("emissions", CodeCarbon, Number, "kg CO2eq", "energy_consumed × grid carbon intensity.", r => r.Account.Emissions.Value),
        new("emissions_rate", CodeCarbon, Number, "kg CO2eq/s", "emissions ÷ duration.", r => r.Account.EmissionsRateKilogramsPerSecond),
        new("cpu_power", CodeCarbon, Number, "W", "Mean CPU power over the window, hardware level (no PUE).", r => MeanPower(r, PowerComponent.Cpu)),
        new("gpu_power", CodeCarbon, Number, "W", "Mean GPU power over the window, hardware level (no PUE).", r => MeanPower(r, PowerComponent.Gpu)),
        new("ram_power", CodeCarbon, Number, "W", "Mean RAM power over the window, hardware level (no PUE).", r => MeanPower(r, PowerComponent.Ram)),
        new("cpu_energy", CodeCarbon, Number, "kWh", "CPU energy × PUE (as CodeCarbon applies PUE to every component).", r => r.Account.CpuEnergy.Value),
        new("gpu_energy", CodeCarbon, Number, "kWh", "GPU energy × PUE.", r => r.Account.GpuEnergy.Value),
        new("ram_energy", CodeCarbon, Number, "kWh", "RAM energy × PUE.", r => r.Account.RamEnergy.Value),
        new("energy_consumed", CodeCarbon, Number, "kWh", "Total energy × PUE (cpu + gpu + ram).", r => r.Account.EnergyConsumed.Value),
        new("water_consumed", CodeCarbon, Number, "L", "energy_consumed × WUE.", r => r.Account.WaterLitres),
        new("country_name", CodeCarbon, Text, "", "Country of the carbon intensity, or World for the world average.", r => r.Account.Intensity.CountryName),
        new("country_iso_code", CodeCarbon, Text, "", "ISO 3166-1 alpha-3; empty for the world average.", r => r.Account.Intensity.IsoCode),
        new("region", CodeCarbon, Text, "", "State or province: --energy-region, else the --energy-cloud region's state or city (CodeCarbon impact.csv), else empty.", r => r.Host.Region),
        new("cloud_provider", CodeCarbon, Text, "", "Cloud provider; empty off-cloud.", r => r.Host.CloudProvider),
        new("cloud_region", CodeCarbon, Text, "", "Cloud region; empty off-cloud.", r => r.Host.CloudRegion),
        new("os", CodeCarbon, Text, "", "Operating system.", r => r.Host.Os),
        new("python_version", CodeCarbon, Text, "", "Holds the .NET runtime (e.g. .NET 10.0.2); name kept for CodeCarbon tools.", r => r.Host.RuntimeVersion),
        new("codecarbon_version", CodeCarbon, Text, "", "Holds energyfacts-<version>; name kept for CodeCarbon tools.", r => r.Host.HarnessVersion),
        new("cpu_count", CodeCarbon, Integer, "", "Logical processors.", r => r.Host.CpuCount),
        new("cpu_model", CodeCarbon, Text, "", "CPU model name.", r => r.Host.CpuModel),
        new("gpu_count", CodeCarbon, Integer, "", "GPUs measured.", r => r.Host.GpuCount),
        new("gpu_model", CodeCarbon, Text, "", "GPU model(s) measured.", r => r.Host.GpuModel),
        new("longitude", CodeCarbon, Number, "°", "Longitude; empty (EnergyFacts never geolocates).", r => r.Host.Longitude),
        new("latitude", CodeCarbon, Number, "°", "Latitude; empty (EnergyFacts never geolocates).", r => r.Host.Latitude),
        new("ram_total_size", CodeCarbon, Number, "GB", "Total RAM, bytes / 2^30.", r => r.Host.RamTotalSizeGigabytes),
        new("tracking_mode", CodeCarbon, Text, "", "process: estimated CPU power follows this process's CPU time; measured counters are machine-wide.", r => r.Host.TrackingMode),
        new("cpu_utilization_percent", CodeCarbon, Number, "%", "Mean CPU utilisation; empty when not sampled.", r => r.Outcome.Utilization?.CpuPercent),
        new("gpu_utilization_percent", CodeCarbon, Number, "%", "Mean GPU utilisation; empty when not sampled.", r => r.Outcome.Utilization?.GpuPercent),
        new("ram_utilization_percent", CodeCarbon, Number, "%", "Mean RAM utilisation; empty when not sampled.", r => r.Outcome.Utilization?.RamPercent),
        new("ram_used_gb", CodeCarbon, Number, "GB", "Mean RAM in use; empty when not sampled.", r => r.Outcome.Utilization?.RamUsedGigabytes),
        new("on_cloud", CodeCarbon, Text, "", "Y on a cloud VM, N otherwise.", r => r.Host.OnCloud),
        new("pue", CodeCarbon, Number, "", "Power usage effectiveness applied to every energy.", r => r.Account.Pue),
        new("wue", CodeCarbon, Number, "L/kWh", "Water usage effectiveness.", r => r.Account.Wue),

        new("experiment_name", Experiment, Text, "", "Display name of the case, e.g. Train [resnet18 | batch=64 | epochs=2].", r => r.Outcome.ExperimentName),
        new("model", Experiment, Text, "", "Model.", r => r.Outcome.Model),
        new("dataset", Experiment, Text, "", "Dataset; empty when not set.", r => r.Outcome.Dataset),
        new("epochs", Experiment, Integer, "", "Epochs asked for.", r => r.Outcome.Epochs),
        new("batch_size", Experiment, Integer, "", "Batch size.", r => r.Outcome.BatchSize),
        new("train_loss", Experiment, Number, "", "Last epoch's training loss.", r => r.LastEpoch?.TrainLoss),
        new("eval_loss", Experiment, Number, "", "Last epoch's evaluation loss.", r => r.LastEpoch?.EvalLoss),
        new("eval_top1", Experiment, Number, "", "Last epoch's top-1 accuracy, fraction 0–1.", r => r.LastEpoch?.EvalTop1),
        new("eval_top5", Experiment, Number, "", "Last epoch's top-5 accuracy, fraction 0–1.", r => r.LastEpoch?.EvalTop5),
        new("lr", Experiment, Number, "", "Last epoch's learning rate.", r => r.LastEpoch?.LearningRate),
        new("metrics", Experiment, Text, "", "Metrics the experiment reported (ReportMetric), name=value;name=value; typed with units in experiments.jsonl.", r => ReportedMetric.FormatList(r.Outcome.Metrics)),

        new("trial", Own, Integer, "", "1-based trial number.", r => r.Outcome.Trial),
        new("seed", Own, Integer, "", "Random seed; empty when not set.", r => r.Outcome.Seed),
        new("device", Own, Text, "", "Device: cpu, cuda:0, none.", r => r.Outcome.Device),
        new("samples", Own, Integer, "", "Training samples processed.", r => r.Outcome.Samples),
        new("status", Own, Text, "", "passed, failed, over_budget, error, cancelled, timed_out, unmeasured, regressed, aborted_predicted_over_budget or aborted_predicted_over_baseline.", r => FileTokens.Of(r.Outcome.Status)),
        new("budget", Own, Text, "", "Budget that applied, e.g. MaxKilowattHours=1E-05; empty when none.", r => r.Outcome.Budget),
        new("energy_source", Own, Text, "", "Per component: measured, estimated, replayed or none, -partial when readings were dropped.", r => DescribeSources(r.Measurement)),
        new("probes", Own, Text, "", "Probes used.", r => ListProbes(r)),
        new("sample_count", Own, Integer, "", "Sampler ticks in the window, opening and closing reads included.", r => r.Measurement.SampleCount),
        new("sampler_cpu_seconds", Own, Number, "s", "CPU time the sampler itself used: the harness's overhead.", r => r.Measurement.SamplerCpuTime.TotalSeconds),
        new("energy_joules", Own, Number, "J", "Total energy × PUE in joules, unrounded.", r => r.EnergyWithPue.Value),
        new("joules_per_sample", Own, Number, "J", "energy_joules ÷ samples; empty when no samples were reported.", r => r.JoulesPerSample),
        new("carbon_intensity", Own, Number, "g CO2eq/kWh", "Grid carbon intensity applied.", r => r.Account.Intensity.GramsPerKilowattHour),
        new("carbon_intensity_source", Own, Text, "", "Where the carbon intensity comes from.", r => r.Account.Intensity.Source),
        new("sampling_interval_ms", Own, Number, "ms", "Sampling interval asked for.", r => r.Measurement.Interval.TotalMilliseconds),
        new("faults", Own, Integer, "", "Probe readings dropped (failed, NaN, backwards); > 0 means energy may be low.", r => r.Measurement.Components.Sum(c => c.Faults)),
        new("trials", Own, Integer, "", "Trials the case runs in all.", r => r.Outcome.Trials),
        new("warnings", Own, Text, "", "Measurement warnings, separated by ' | '.", r => r.Measurement.Warnings.Count == 0 ? null : string.Join(" | ", r.Measurement.Warnings)),
        new("message", Own, Text, "", "Failure or error text; empty when passed.", r => r.Outcome.Message),
        new("samples_per_joule", Own, Number, "1/J", "samples ÷ energy_joules; empty without samples.", r => r.Efficiency?.SamplesPerJoule),
        new("edp", Own, Number, "J·s", "Energy-delay product: energy_joules × duration.", r => r.Efficiency?.EnergyDelay.Value),
        new("apc", Own, Number, "", "APC (Jurj et al.) of the last epoch's top-1 at this row's consumption, with apc_parameters; empty without a top-1.", r => r.Efficiency?.Apc?.Value),
        new("apec", Own, Number, "", "APEC (Jurj et al.): APC with the consumption priced (--energy-price); empty without a price or a top-1.", r => r.Efficiency?.Apec?.Value),
        new("apc_parameters", Own, Text, "", "The α, β, consumption unit and price APC and APEC used, e.g. alpha=0.1 beta=1 consumption=Wh/run.", r => r.Efficiency?.Parameters.ToString()),
        new("predicted_energy_joules", Own, Number, "J", "The last forecast of the run's energy (PUE included) made after an epoch, to set against energy_joules; empty without epochs.", r => r.Outcome.Forecasts.Count == 0 ? null : r.Outcome.Forecasts[^1].PredictedTotal.Value),
        new("gate", Own, Text, "", "Regression gate verdict on the case's last trial (and on each extra trial): verdict, figure, ratio to the baseline with its bounds, extra_trials=N when extra trials ran; empty without a baseline.", r => DescribeGate(r.Gate)),
        new("preparation_duration", Own, Number, "s", "Length of the preparation the experiment marked (native load, data, model), measured before duration's window; empty when none was marked.", r => r.Preparation?.Duration.TotalSeconds),
        new("preparation_energy_joules", Own, Number, "J", "The preparation's energy × PUE, by the same probes; not in energy_joules, budgets or the gate; empty when none was marked.", r => r.PreparationEnergyWithPue?.Value),
        new("intra_op_threads", Own, Integer, "", "CPU threads per operation the experiment ran with (e.g. libtorch's intra-op pool); empty when not reported.", r => r.Outcome.IntraOpThreads),
        new("inter_op_threads", Own, Integer, "", "CPU threads running independent operations (e.g. libtorch's inter-op pool); empty when not reported.", r => r.Outcome.InterOpThreads),
        new("ttcapc", Own, Number, "s", "TTCAPC (Jurj et al.; closest by EnergyFacts' definition): training time to the epoch whose APC at its cumulative energy is closest to --energy-ttcapc-target; on a case's last trial; empty without a target, a top-1 per epoch or per-epoch energy (the reason in training_metric_parameters).", r => r.Training?.Ttcapc?.TimeToClosest.TotalSeconds),
        new("ttcapc_epoch", Own, Integer, "", "The epoch TTCAPC chose (its APC closest to the target, the earliest on a tie).", r => r.Training?.Ttcapc?.Checkpoint.Epoch),
        new("ttcapec", Own, Number, "s", "TTCAPEC: as ttcapc with APEC at --energy-price; empty also without a price.", r => r.Training?.Ttcapec?.TimeToClosest.TotalSeconds),
        new("fms", Own, Number, "", "FMS (after Li et al.; EnergyFacts' formula): harmonic mean of the performance figure and the energy score E_ref/(E_ref+energy_joules); on a case's last trial.", r => r.Training?.Fms),
        new("asc", Own, Number, "", "ASC (after Li et al.; EnergyFacts' formula): area under the per-epoch performance–cumulative-energy curve over [0, the trial's energy], ÷ that energy, 0–1; on a case's last trial.", r => r.Training?.Asc),
        new("training_metric_parameters", Own, Text, "", "Target, α, β, unit, price, performance figure, FMS's β, E_ref and ASC's budget of ttcapc…asc, and why any of them is empty.", r => r.Training?.ToString()),
        new("power_trace", Own, Text, "", "The trial's power over time, relative to the results folder: traces/<run_id>/<case>-<hash8>-t<trial>.csv (at most 1000 intervals, energy exact); empty when it could not be written (the reason in warnings).", r => r.PowerTrace),
    ];

    /// <summary>Column names in file order.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. All.Select(c => c.Name)];

    /// <summary>A Markdown table of every column (name, unit, meaning), e.g. for the README.</summary>
    public static string DescribeAsMarkdown()
    {
        var text = new System.Text.StringBuilder("| column | unit | meaning |\n|:--|:--|:--|\n");
        foreach (var column in All)
        {
            var meaning = column.Group == ResultColumnGroup.CodeCarbon ? column.Legend : $"{column.Legend} (EnergyFacts)";
            text.Append("| `").Append(column.Name).Append("` | ").Append(column.Unit)
                .Append(" | ").Append(meaning.Replace("|", "\\|", StringComparison.Ordinal)).Append(" |\n");
        }

        return text.ToString();
    }

    /// <summary>The column with <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">No such column.</exception>
    public static ResultColumn Get(string name) =>
        All.FirstOrDefault(c => c.Name == name)
        ?? throw new KeyNotFoundException($"No results column is named '{name}'; columns are: {string.Join(", ", Names)}.");

    /// <summary>The per-component source label, e.g. <c>cpu=estimated;gpu=none;ram=measured-partial</c>.</summary>
    public static string DescribeSources(EnergyMeasurement measurement)
    {
        ArgumentNullException.ThrowIfNull(measurement);
        return string.Join(';', measurement.Components.Select(c => $"{FileTokens.Of(c.Component)}={FileTokens.SourceOf(c)}"));
    }

    private static string? DescribeGate(Gates.CaseVerdict? verdict) =>
        verdict is null ? null
        : (verdict.Comparison is { } c
            ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Gates.GateVerdictNames.Name(verdict.Kind)} {verdict.Figure} ratio={c.Estimate:0.000} [{c.Lower:0.000}, {c.Upper:0.000}] threshold={verdict.Threshold}")
            : $"{Gates.GateVerdictNames.Name(verdict.Kind)} {verdict.Figure}")
          + (verdict.Accuracy is { AccuracyGain: { } gain } && verdict.AccuracyRequirement is { } required
              ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $" {required.Figure} gain={gain.Estimate:G4} [{gain.Lower:G4}, {gain.Upper:G4}] min={required.MinimumGain:G4}")
              : string.Empty)
          + (verdict.ExtraTrials > 0 ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $" extra_trials={verdict.ExtraTrials}") : string.Empty);

    private static double MeanPower(ResultRow row, PowerComponent component) =>
        row.Measurement.Components.Where(c => c.Component == component).Sum(c => c.MeanPower.Value);

    private static string ListProbes(ResultRow row) =>
        !string.IsNullOrWhiteSpace(row.Outcome.Probes)
            ? row.Outcome.Probes
            : string.Join(',', row.Measurement.Components.SelectMany(c => c.ProbeIds).Distinct(StringComparer.Ordinal));
}
