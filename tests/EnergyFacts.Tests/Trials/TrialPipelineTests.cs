using EnergyFacts.Configuration;
using EnergyFacts.Results;
using EnergyFacts.Trials;

namespace EnergyFacts.Tests.Trials;

/// <summary>The run object and the trial pipeline, in this process: no child process, no static state.</summary>
public sealed class TrialPipelineTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("energyfacts-pipeline-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private sealed class Lines : ITrialOutput
    {
        public List<string> All { get; } = [];

        public void WriteLine(string line) => All.Add(line);
    }

    private EnergyRun NewRun(double pue = 1.0) =>
        NewRun(("energy-pue", pue.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    // The run every test here uses: a constant 100 W CPU, results and the experiment lock in this test's own folder.
    private EnergyRun NewRun(params (string Option, string Value)[] extra)
    {
        var commandLine = new Dictionary<string, string>
        {
            ["energy-probes"] = "constant:cpu=100,gpu=0,ram=0",
            ["energy-interval"] = "5",
            ["energy-lock-file"] = "experiments.lock",
            ["energy-results"] = "results",
        };
        foreach (var (option, value) in extra)
        {
            commandLine[option] = value;
        }

        return new(new RunConfiguration(
            SettingsResolver.Resolve(new SettingsSources { WorkingDirectory = folder, ApplicationDirectory = folder, DefaultProjectName = "PipelineTests", CommandLine = commandLine }),
            Guid.NewGuid()));
    }

    private static TrialCase Case(EnergyBudget? budget = null) =>
        new("case-1", "Train [mlp | batch=8 | epochs=1]", "mlp", null, 1, 8, 1, 1, null, budget);

    private static TrialBody Body(ExperimentStatus status = ExperimentStatus.Passed) => new(status, null, "cpu", 100, []);

    private static TrialResult RunTrial(EnergyRun run, TrialCase trial, TrialBody body, Lines output)
    {
        using var window = TrialWindow.Open(run, output, CancellationToken.None);
        Thread.Sleep(50);
        var measurement = window.Close();
        return TrialPipeline.Finish(run, trial, body, measurement, output);
    }

    [Fact]
    public void A_trial_is_measured_accounted_written_and_reported_once()
    {
        using var run = NewRun(pue: 1.5);
        var output = new Lines();
        var result = RunTrial(run, Case(), Body(), output);

        Assert.Equal(ExperimentStatus.Passed, result.Row.Outcome.Status);
        Assert.True(result.Row.Measurement.Duration.TotalSeconds >= 0.05);
        // 100 W declared for the measured window, PUE 1.5 on top.
        Assert.Equal(100 * result.Row.Measurement.Duration.TotalSeconds * 1.5 / 3.6e6, result.Row.Account.EnergyConsumed.Value, 1e-9);
        Assert.Null(result.BudgetFailure);
        Assert.Null(result.SinkFailure);
        Assert.Single(File.ReadAllLines(Path.Combine(folder, "results", "emissions.csv")).Skip(1));
        Assert.Single(output.All, l => l.StartsWith("[energy] probes:", StringComparison.Ordinal));
        Assert.Single(output.All, l => l.Contains("trial 1/1", StringComparison.Ordinal));
    }

    [Fact]
    public void Over_budget_fails_with_the_limit_and_the_measured_value_in_kilowatt_hours_with_pue()
    {
        using var run = NewRun(pue: 2.0);
        var budget = new EnergyBudget("method Train", new KilowattHours(1e-9), null, null, null);
        var result = RunTrial(run, Case(budget), Body(), new Lines());

        Assert.Equal(ExperimentStatus.OverBudget, result.Row.Outcome.Status);
        Assert.Contains("MaxKilowattHours = 1E-09 kWh, measured", result.BudgetFailure, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(nameof(ExperimentStatus.Failed))]
    [InlineData(nameof(ExperimentStatus.Error))]
    [InlineData(nameof(ExperimentStatus.Cancelled))]
    [InlineData(nameof(ExperimentStatus.TimedOut))]
    public void A_body_that_did_not_pass_never_passes_its_budget(string statusName)
    {
        var status = Enum.Parse<ExperimentStatus>(statusName);
        using var run = NewRun();
        var budget = new EnergyBudget("method Train", new KilowattHours(1), null, null, null);
        var result = RunTrial(run, Case(budget), Body(status), new Lines());

        Assert.Equal(status, result.Row.Outcome.Status);
        Assert.Null(result.BudgetFailure);
    }

    [Fact]
    public void A_window_closes_once_and_the_gate_is_left()
    {
        using var run = NewRun();
        var window = TrialWindow.Open(run, new Lines(), CancellationToken.None);
        _ = window.Close();
        Assert.Throws<InvalidOperationException>(() => window.Close());

        // The gate was left: the next trial opens at once.
        using var next = TrialWindow.Open(run, new Lines(), CancellationToken.None);
    }

    [Fact]
    public void Each_trial_row_carries_every_setting_with_its_source()
    {
        using var run = NewRun();
        var result = RunTrial(run, Case(), Body(), new Lines());
        Assert.Equal(new ResolvedSetting("pue", "1", "--energy-pue"), result.Row.Settings.Single(s => s.Key == "pue"));
        Assert.Equal(new ResolvedSetting("lock-timeout", "600", "default"), result.Row.Settings.Single(s => s.Key == "lock-timeout"));
        Assert.Contains(result.Row.ProbeLegends, legend => legend.ProbeId.Length > 0 && legend.Legend.Length > 0);
    }

    [Fact]
    public void A_component_whose_every_reading_failed_is_unmeasured_and_never_passes_an_energy_budget()
    {
        using var run = NewRun();
        var budget = new EnergyBudget("method Train", new KilowattHours(1e-9), null, null, null);
        var measurement = new EnergyFacts.Measurement.EnergyMeasurement
        {
            StartedAt = DateTimeOffset.UtcNow,
            Duration = TimeSpan.FromSeconds(4),
            Components = [new(EnergyFacts.Probes.PowerComponent.Cpu, Joules.Zero, new Watts(0), EnergyFacts.Probes.EnergySource.Replayed, ["replay:cpu"], 8)],
            SampleCount = 8,
            Interval = TimeSpan.FromMilliseconds(500),
            SamplerCpuTime = TimeSpan.Zero,
        };

        var result = TrialPipeline.Finish(run, Case(budget), Body(), measurement, new Lines());

        Assert.Equal(ExperimentStatus.Unmeasured, result.Row.Outcome.Status);
        Assert.Contains("was not measured", result.BudgetFailure, StringComparison.Ordinal);
        Assert.Contains("8 failed reads", result.BudgetFailure, StringComparison.Ordinal);
    }

    [Fact]
    public void An_existing_emissions_csv_with_another_header_stops_the_trial_before_anything_is_measured()
    {
        using var run = NewRun();
        var results = Path.Combine(folder, "results");
        Directory.CreateDirectory(results);
        File.WriteAllText(Path.Combine(results, "emissions.csv"), "timestamp,project_name,duration\n2026-01-01,old,1\n");

        var error = Assert.Throws<ResultsFileFormatException>(() => TrialWindow.Open(run, new Lines(), CancellationToken.None));

        Assert.Contains(Path.Combine(results, "emissions.csv"), error.Message, StringComparison.Ordinal);
        Assert.Equal(1, error.LineNumber);
        Assert.False(File.Exists(Path.Combine(results, "experiments.jsonl")), "nothing may be measured or written");
        Assert.Equal("timestamp,project_name,duration\n2026-01-01,old,1\n", File.ReadAllText(Path.Combine(results, "emissions.csv")));
    }

    [Theory]
    [InlineData("cuda", "none")]
    [InlineData("cuda:1", "cpu")]
    public void A_case_that_asked_for_cuda_and_ran_elsewhere_fails_saying_so(string requested, string used)
    {
        using var run = NewRun();
        var trial = Case() with { RequestedDevice = requested };

        var result = RunTrial(run, trial, new TrialBody(ExperimentStatus.Passed, null, used, 100, []), new Lines());

        Assert.Equal(ExperimentStatus.Failed, result.Row.Outcome.Status);
        Assert.Contains($"asked for Device = \"{requested}\", but the experiment reported device '{used}'", result.EvidenceFailure, StringComparison.Ordinal);
        Assert.Equal(result.EvidenceFailure, result.Row.Outcome.Message);
    }

    [Theory]
    [InlineData(double.NaN, 0.5)]
    [InlineData(0.7, double.PositiveInfinity)]
    public void A_body_that_passed_with_a_non_finite_epoch_loss_fails_as_diverged_with_its_energy_kept(double trainLoss, double evalLoss)
    {
        using var run = NewRun();
        EpochRecord[] history =
        [
            new(1, 1.2, 1.1, 0.5, 0.9, 0.01, 50, TimeSpan.FromSeconds(1)),
            new(2, trainLoss, evalLoss, 0.1, 0.5, 0.01, 50, TimeSpan.FromSeconds(1)),
        ];

        var result = RunTrial(run, Case(), new TrialBody(ExperimentStatus.Passed, null, "cpu", 100, history), new Lines());

        Assert.Equal(ExperimentStatus.Failed, result.Row.Outcome.Status);
        Assert.Contains("diverged: epoch 2 reported training loss", result.EvidenceFailure, StringComparison.Ordinal);
        Assert.Equal(result.EvidenceFailure, result.Row.Outcome.Message);
        Assert.True(result.Row.Measurement.Duration > TimeSpan.Zero, "the measured window stays in the row");
    }

    [Theory]
    [InlineData("cuda", "cuda:0")]
    [InlineData("auto", "cpu")]
    [InlineData("cpu", "cpu")]
    public void A_case_that_ran_where_it_asked_or_left_it_to_auto_passes(string requested, string used)
    {
        using var run = NewRun();

        var result = RunTrial(run, Case() with { RequestedDevice = requested }, new TrialBody(ExperimentStatus.Passed, null, used, 100, []), new Lines());

        Assert.Equal(ExperimentStatus.Passed, result.Row.Outcome.Status);
        Assert.Null(result.EvidenceFailure);
    }

    [Theory]
    [InlineData(1.0, "Passed")]
    [InlineData(1e-9, "OverBudget")]
    public void A_budget_judged_on_partial_readings_says_it_judged_only_what_was_measured(double maxKilowattHours, string expectedStatus)
    {
        var expected = Enum.Parse<ExperimentStatus>(expectedStatus);
        using var run = NewRun();
        var measurement = Tests.Results.ResultSamples.Measurement(cpuFaults: 3);
        var budget = new EnergyBudget("method Train", new KilowattHours(maxKilowattHours), null, null, null);

        var result = TrialPipeline.Finish(run, Case(budget), Body(), measurement, new Lines());

        Assert.Equal(expected, result.Row.Outcome.Status);
        Assert.Contains("The energy budget judged only what was measured: cpu missed 3 readings", result.Row.Outcome.Message, StringComparison.Ordinal);
        if (expected == ExperimentStatus.OverBudget)
        {
            Assert.Contains("judged only what was measured", result.BudgetFailure, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Every_row_carries_edp_samples_per_joule_apc_and_apec_with_their_parameters()
    {
        using var run = NewRun(("energy-apc-beta", "50"), ("energy-price", "0.25 EUR"));
        var measurement = Tests.Results.ResultSamples.Measurement(); // 100 W + 5 W for 10 s = 1050 J, PUE 1
        var body = new TrialBody(ExperimentStatus.Passed, null, "cpu", 100, [new EpochRecord(1, 0.5, null, 0.9, null, null, 100, TimeSpan.FromSeconds(10))]);

        var row = TrialPipeline.Finish(run, Case(), body, measurement, new Lines()).Row;

        // c = 1050 J = 0.291667 Wh; wc = c·((1−α)(1−a)+α) = c·0.19; APC = a / (β·wc + 1) with β = 50.
        Assert.Equal(0.9 / ((50 * (1050 / 3600.0) * 0.19) + 1), (double)ResultColumns.Get("apc").ValueOf(row)!, 12);
        // APEC prices the consumption: 0.25 EUR/kWh × 2.91667e-4 kWh.
        Assert.Equal(0.9 / ((50 * 0.25 * (1050 / 3.6e6) * 0.19) + 1), (double)ResultColumns.Get("apec").ValueOf(row)!, 12);
        Assert.Equal(10_500, (double)ResultColumns.Get("edp").ValueOf(row)!, 9);
        Assert.Equal(100 / 1050.0, (double)ResultColumns.Get("samples_per_joule").ValueOf(row)!, 12);
        Assert.Equal("alpha=0.1 beta=50 consumption=Wh/run price=0.25 EUR/kWh", ResultColumns.Get("apc_parameters").FormatValue(row));
    }

    [Theory]
    [InlineData("energy-price", "abc", "not a price per kWh")]
    [InlineData("energy-price", "0 EUR", "not a price per kWh")]
    [InlineData("energy-apc-unit", "Wh/test-set", "per run, sample or inference")]
    [InlineData("energy-apc-unit", "Wh", "not a consumption unit")]
    [InlineData("energy-apc-alpha", "1.5", "from 0 to 1")]
    public void Bad_apc_settings_are_refused_naming_the_option(string option, string value, string expected)
    {
        var error = Assert.Throws<EnergyFactsConfigurationException>(() => SettingsResolver.Resolve(new SettingsSources
        {
            WorkingDirectory = folder,
            ApplicationDirectory = folder,
            DefaultProjectName = "PipelineTests",
            CommandLine = new Dictionary<string, string> { [option] = value },
        }));

        Assert.Contains("--" + option, error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_reported_metric_can_be_the_performance_figure_of_apc()
    {
        using var run = NewRun(("energy-performance", "metric:mIoU"));
        var body = new TrialBody(ExperimentStatus.Passed, null, "cpu", 100, []) { Metrics = [new ReportedMetric("mIoU", 0.712)] };

        var row = TrialPipeline.Finish(run, Case(), body, Tests.Results.ResultSamples.Measurement(), new Lines()).Row;

        Assert.Equal(0.712 / ((1 * (1050 / 3600.0) * ((0.9 * (1 - 0.712)) + 0.1)) + 1), (double)ResultColumns.Get("apc").ValueOf(row)!, 12);
        Assert.EndsWith("performance=mIoU", ResultColumns.Get("apc_parameters").FormatValue(row), StringComparison.Ordinal);
    }

    [Fact]
    public void The_last_trial_gets_ttcapc_fms_and_asc_from_its_history_in_every_file()
    {
        using var run = NewRun(("energy-ttcapc-target", "0.5"), ("energy-reference-energy", "1 Wh"), ("energy-fms-beta", "2"));
        EpochRecord Epoch(int n, double top1) =>
            new(n, 1.0, null, top1, null, null, 50, TimeSpan.FromSeconds(5)) { Energy = new Joules(525) };
        var body = new TrialBody(ExperimentStatus.Passed, null, "cpu", 100, [Epoch(1, 0.5), Epoch(2, 0.8)]);

        // ResultSamples.Measurement: 1050 J over 10 s, the two epochs' 525 J each.
        var row = TrialPipeline.Finish(run, Case(), body, Tests.Results.ResultSamples.Measurement(), new Lines()).Row;

        // APC (Wh/run): epoch 1 0.5/(1 + 0.145833·0.55) = 0.4628, epoch 2 0.8/(1 + 0.291667·0.28) = 0.7384 → epoch 1 at 5 s.
        var csv = Assert.Single(EnergyFacts.Results.Csv.EmissionsCsv.Read(Path.Combine(folder, "results", "emissions.csv")));
        Assert.Equal("5", csv["ttcapc"]);
        Assert.Equal("1", csv["ttcapc_epoch"]);
        Assert.Equal(string.Empty, csv["ttcapec"]);
        // FMS_2 with E_ref = 3600 J: S_E = 3600/4650; 5·0.8·S_E/(4·0.8 + S_E).
        var score = 3600 / 4650.0;
        Assert.Equal(5 * 0.8 * score / ((4 * 0.8) + score), double.Parse(csv["fms"], System.Globalization.CultureInfo.InvariantCulture), 12);
        // ASC over [0, 1050 J]: (525·0.25 + 525·0.65) / 1050.
        Assert.Equal(0.45, double.Parse(csv["asc"], System.Globalization.CultureInfo.InvariantCulture), 12);
        Assert.Contains("target=0.5", csv["training_metric_parameters"], StringComparison.Ordinal);
        Assert.Contains("ttcapec: no price (--energy-price)", csv["training_metric_parameters"], StringComparison.Ordinal);
        Assert.NotNull(row.Training);

        var line = File.ReadAllLines(Path.Combine(folder, "results", "experiments.jsonl")).Single();
        using var json = System.Text.Json.JsonDocument.Parse(line);
        var training = json.RootElement.GetProperty("training_metrics");
        Assert.Equal(1, training.GetProperty("ttcapc").GetProperty("epoch").GetInt32());
        Assert.Equal(0.45, training.GetProperty("asc").GetDouble(), 12);
        Assert.Equal(3600, training.GetProperty("reference_energy_joules").GetDouble());
        Assert.Equal([525.0, 525.0], json.RootElement.GetProperty("history").EnumerateArray().Select(e => e.GetProperty("energy_joules").GetDouble()));
    }

    [Fact]
    public void Only_a_cases_last_trial_gets_training_metrics_and_without_a_target_ttcapc_is_empty_with_its_reason()
    {
        using var run = NewRun();
        var first = new TrialCase("case-2", "Train [mlp | batch=8 | epochs=1]", "mlp", null, 1, 8, 1, 2, null, null);
        var body = new TrialBody(ExperimentStatus.Passed, null, "cpu", 100, [new EpochRecord(1, 1.0, null, 0.7, null, null, 100, TimeSpan.FromSeconds(10)) { Energy = new Joules(1050) }]);

        var one = TrialPipeline.Finish(run, first, body, Tests.Results.ResultSamples.Measurement(), new Lines()).Row;
        var two = TrialPipeline.Finish(run, first with { Trial = 2 }, body, Tests.Results.ResultSamples.Measurement(), new Lines()).Row;

        Assert.Null(one.Training);
        Assert.Equal(string.Empty, ResultColumns.Get("ttcapc").FormatValue(two));
        Assert.Equal(string.Empty, ResultColumns.Get("ttcapc_epoch").FormatValue(two));
        Assert.NotEqual(string.Empty, ResultColumns.Get("asc").FormatValue(two));
        Assert.Contains("no target (--energy-ttcapc-target)", ResultColumns.Get("training_metric_parameters").FormatValue(two), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("energy-ttcapc-target", "1.5", "out of range")]
    [InlineData("energy-reference-energy", "1", "needs its unit: J, Wh or kWh")]
    [InlineData("energy-reference-energy", "-2 kWh", "not an amount above 0")]
    [InlineData("energy-reference-energy", "2 MJ", "needs its unit")]
    [InlineData("energy-fms-beta", "0", "out of range")]
    public void Bad_training_metric_settings_are_refused_naming_the_option_value_and_what_is_allowed(string option, string value, string expected)
    {
        var error = Assert.Throws<EnergyFactsConfigurationException>(() => SettingsResolver.Resolve(new SettingsSources
        {
            WorkingDirectory = folder,
            ApplicationDirectory = folder,
            DefaultProjectName = "PipelineTests",
            CommandLine = new Dictionary<string, string> { [option] = value },
        }));

        Assert.Contains($"--{option} = '{value}'", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains("Allowed:", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1 kWh", 3.6e6)]
    [InlineData("50Wh", 180_000)]
    [InlineData("3600 J", 3600)]
    public void The_reference_energy_is_read_with_its_unit(string text, double joules)
    {
        var settings = SettingsResolver.Resolve(new SettingsSources
        {
            WorkingDirectory = folder,
            ApplicationDirectory = folder,
            DefaultProjectName = "PipelineTests",
            CommandLine = new Dictionary<string, string> { ["energy-reference-energy"] = text },
        });

        Assert.Equal(joules, settings.RowMetrics.ReferenceEnergy.Value, 9);
    }

    [Fact]
    public void An_experiment_context_records_each_epochs_energy_with_the_trials_probes()
    {
        using var run = NewRun(pue: 2.0);
        var session = new EnergyFacts.Framework.ExperimentSession(run); // not disposed: the run is, below
        var definition = new EnergyFacts.Framework.ExperimentDefinition("mlp", 8, 3, null, "cpu", 1, null);
        var context = new ExperimentContext(definition, 1, "Train [mlp | batch=8 | epochs=3]", "case-epochs", session);

        context.BeginTrial();
        for (var epoch = 1; epoch <= 3; epoch++)
        {
            Thread.Sleep(60);
            context.ReportEpoch(epoch, trainLoss: 1.0 / epoch, evalTop1: 0.3 * epoch);
        }

        var history = context.History;
        context.EndTrial();

        // A constant 100 W CPU with PUE 2: at least 100 W × 60 ms × 2 per epoch, never more than the whole trial together.
        Assert.All(history, e => Assert.True(e.Energy!.Value.Value >= 12, $"epoch {e.Epoch}: {e.Energy} J"));
        var row = File.ReadAllLines(Path.Combine(folder, "results", "experiments.jsonl")).Single();
        using var json = System.Text.Json.JsonDocument.Parse(row);
        var recorded = json.RootElement.GetProperty("history").EnumerateArray().Select(e => e.GetProperty("energy_joules").GetDouble()).ToList();
        Assert.Equal(history.Select(e => e.Energy!.Value.Value), recorded);
        Assert.True(recorded.Sum() <= json.RootElement.GetProperty("energy_joules").GetDouble());
        Assert.NotEqual(JsonValueKindNull, json.RootElement.GetProperty("asc").ValueKind);
    }

    private const System.Text.Json.JsonValueKind JsonValueKindNull = System.Text.Json.JsonValueKind.Null;

    [Fact]
    public void Each_trial_keeps_its_power_trace_referenced_from_the_row_with_the_energy_exact()
    {
        using var run = NewRun(pue: 1.5);
        var result = RunTrial(run, Case(), Body(), new Lines());

        var csv = Assert.Single(EnergyFacts.Results.Csv.EmissionsCsv.Read(Path.Combine(folder, "results", "emissions.csv")));
        var relative = csv["power_trace"];
        Assert.Matches($"^traces/{run.RunId:D}/train-mlp-batch-8-epochs-1-[0-9a-f]{{8}}-t1\\.csv$", relative);
        var points = PowerTraceFile.Read(Path.Combine(folder, "results", relative));
        Assert.InRange(points.Count, 1, PowerTraceFile.MaxIntervals);
        // The trace is hardware power (no PUE): its energy is the row's cpu energy without the 1.5.
        var cpuJoules = result.Row.Measurement[EnergyFacts.Probes.PowerComponent.Cpu].Energy.Value;
        Assert.Equal(cpuJoules, points.Sum(p => p.Energy.Value), cpuJoules * 1e-9);
        Assert.All(points, p => Assert.Equal(100, p.Watts[0], 6));
        Assert.All(points, p => Assert.Equal("cpu=estimated;gpu=estimated;ram=estimated", p.Source));
        Assert.Equal(relative, File.ReadAllLines(Path.Combine(folder, "results", "experiments.jsonl")).Single()
            .Split("\"power_trace\":\"")[1].Split('"')[0]);
    }

    [Fact]
    public void A_trace_that_cannot_be_written_never_loses_the_row_and_says_why()
    {
        using var run = NewRun();
        Directory.CreateDirectory(Path.Combine(folder, "results"));
        File.WriteAllText(Path.Combine(folder, "results", PowerTraceFile.FolderName), "a file where the traces folder belongs");
        var output = new Lines();

        var result = RunTrial(run, Case(), Body(), output);

        Assert.Null(result.SinkFailure);
        var csv = Assert.Single(EnergyFacts.Results.Csv.EmissionsCsv.Read(Path.Combine(folder, "results", "emissions.csv")));
        Assert.Equal(string.Empty, csv["power_trace"]);
        Assert.Contains("The power trace could not be written", csv["warnings"], StringComparison.Ordinal);
        Assert.Contains(output.All, l => l.StartsWith("[energy] The power trace could not be written", StringComparison.Ordinal));
    }
}
