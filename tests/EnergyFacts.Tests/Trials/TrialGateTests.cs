using EnergyFacts.Configuration;
using EnergyFacts.Gates;
using EnergyFacts.Results;
using EnergyFacts.Tests.Results;
using EnergyFacts.Trials;

namespace EnergyFacts.Tests.Trials;

/// <summary>
/// The regression gate as a step of the trial pipeline, in this process: trials finished from fixed measurements
/// (100 W ± a little over 10 s), so every verdict is deterministic.
/// </summary>
public sealed class TrialGateTests : IDisposable
{
    private static readonly double[] Watts = [100, 101, 99, 100.5, 99.5];

    private readonly string folder = Directory.CreateTempSubdirectory("energyfacts-gate-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private string BaselinePath => Path.Combine(folder, "energy-baseline.json");

    private sealed class Lines : ITrialOutput
    {
        public List<string> All { get; } = [];

        public void WriteLine(string line) => All.Add(line);
    }

    private EnergyRun NewRun(params (string Key, string Value)[] settings) => NewRunAt(BaselinePath, "results", settings);

    private static TrialCase Case(int trial, int trials) =>
        new("case-1", "Train [mlp | batch=8 | epochs=1]", "mlp", "fashion-mnist", 1, 8, trial, trials, null, null) { Method = "Samples.Training.Train", RequestedDevice = "cpu" };

    // Finishes every trial of the case with cpu power watts[i] × scale for 10 s; returns the last trial's result.
    private static TrialResult RunCase(EnergyRun run, double[] watts, double scale = 1)
    {
        TrialResult? last = null;
        for (var i = 0; i < watts.Length; i++)
        {
            var measurement = ResultSamples.Measurement(cpuWatts: watts[i] * scale, ramWatts: 0, seconds: 10);
            last = TrialPipeline.Finish(run, Case(i + 1, watts.Length), new TrialBody(ExperimentStatus.Passed, null, "cpu", 1000, []), measurement, new Lines());
        }

        return last!;
    }

    private void WriteBaseline()
    {
        using var run = NewRun(("update-baseline", "true"));
        RunCase(run, Watts);
        Assert.Equal(BaselinePath, run.WriteBaselineIfAsked());
    }

    [Fact]
    public void Update_baseline_writes_a_versioned_sorted_file_of_the_case_and_an_unchanged_rerun_passes()
    {
        WriteBaseline();
        var text = File.ReadAllText(BaselinePath);
        Assert.Contains("\"format\": 1", text, StringComparison.Ordinal);
        Assert.Contains("Samples.Training.Train", text, StringComparison.Ordinal);

        using var run = NewRun();
        var result = RunCase(run, [100.5, 99, 100, 101, 99.5]);

        Assert.Null(result.GateFailure);
        Assert.Equal(ExperimentStatus.Passed, result.Row.Outcome.Status);
        var gate = Assert.IsType<CaseVerdict>(result.Row.Gate);
        Assert.Contains(gate.Kind, new[] { GateVerdictKind.Unchanged, GateVerdictKind.Inconclusive });
        Assert.Equal(5, gate.BaselineTrials);
        Assert.StartsWith(GateVerdictNames.Name(gate.Kind) + " energy ratio=1.000", ResultColumns.Get("gate").FormatValue(result.Row), StringComparison.Ordinal);
    }

    [Fact]
    public void A_20_percent_regression_fails_the_case_as_regressed_with_medians_ratio_and_bounds()
    {
        WriteBaseline();
        using var run = NewRun();

        var result = RunCase(run, Watts, scale: 1.2);

        Assert.Equal(ExperimentStatus.Regressed, result.Row.Outcome.Status);
        Assert.NotNull(result.GateFailure);
        Assert.Contains("regressed", result.GateFailure, StringComparison.Ordinal);
        Assert.Equal(GateVerdictKind.Regressed, result.Row.Gate!.Kind);
        Assert.InRange(result.Row.Gate.Comparison!.Estimate, 1.19, 1.21);
        var summary = File.ReadAllText(Path.Combine(folder, "results", "summary.md"));
        Assert.Contains("Regression gate", summary, StringComparison.Ordinal);
        Assert.Contains("**regressed**", summary, StringComparison.Ordinal);
        Assert.Contains("\"verdict\":\"regressed\"", File.ReadAllText(Path.Combine(folder, "results", "experiments.jsonl")), StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_baseline_file_the_first_run_passes_as_new_unless_a_baseline_is_required()
    {
        using (var run = NewRun())
        {
            var result = RunCase(run, Watts);
            Assert.Equal(GateVerdictKind.New, result.Row.Gate!.Kind);
            Assert.Equal(ExperimentStatus.Passed, result.Row.Outcome.Status);
        }

        using (var strict = NewRun(("require-baseline", "true")))
        {
            var result = RunCase(strict, Watts);
            Assert.Equal(ExperimentStatus.Regressed, result.Row.Outcome.Status);
            Assert.Contains(BaselinePath, result.GateFailure, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void One_trial_cannot_be_gated_and_says_how_many_are_needed()
    {
        WriteBaseline();
        using var run = NewRun();

        var result = RunCase(run, [100]);

        Assert.Equal(GateVerdictKind.TooFewTrials, result.Row.Gate!.Kind);
        Assert.Equal(ExperimentStatus.Regressed, result.Row.Outcome.Status);
        Assert.True(result.Row.Gate.MinimumTrials > 1);
        Assert.Contains(result.Row.Gate.MinimumTrials.ToString(System.Globalization.CultureInfo.InvariantCulture), result.GateFailure, StringComparison.Ordinal);
    }

    [Fact]
    public void A_corrupt_baseline_fails_before_anything_is_measured_naming_file_and_position()
    {
        File.WriteAllText(BaselinePath, "{\"format\": 1, \"cases\": [oops]}");
        using var run = NewRun();

        var error = Assert.Throws<BaselineFormatException>(() => TrialWindow.Open(run, new Lines(), CancellationToken.None));

        Assert.Contains(BaselinePath, error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(folder, "results", "emissions.csv")));
    }

    [Fact]
    public void A_case_that_failed_is_not_judged_and_never_enters_the_baseline()
    {
        using var run = NewRun(("update-baseline", "true"));
        var measurement = ResultSamples.Measurement(cpuWatts: 100, ramWatts: 0, seconds: 10);

        var result = TrialPipeline.Finish(run, Case(1, 1), new TrialBody(ExperimentStatus.Failed, "boom", "cpu", 10, []), measurement, new Lines());

        Assert.Null(result.Row.Gate);
        Assert.Equal(ExperimentStatus.Failed, result.Row.Outcome.Status);
        Assert.Null(run.WriteBaselineIfAsked());
        Assert.False(File.Exists(BaselinePath));
    }

    [Fact]
    public void A_case_with_zero_energy_is_never_passed_by_the_gate_and_keeps_every_row()
    {
        WriteBaseline();
        using var run = NewRun();

        var result = RunCase(run, [0, 0, 0, 0, 0]); // zero energy: no ratio can be formed

        Assert.Contains(result.Row.Outcome.Status, new[] { ExperimentStatus.Regressed, ExperimentStatus.Error });
        Assert.False(string.IsNullOrWhiteSpace(result.GateFailure));
        Assert.Equal(11, File.ReadAllLines(Path.Combine(folder, "results", "emissions.csv")).Length); // header, the baseline run's 5 rows and these 5
    }

    // Extra trials (Pinpoint-style): trial n + k of a case with n planned trials, as the framework makes them.
    private static TrialCase ExtraCase(int planned, int extra) => Case(planned + extra, planned) with { ExtraTrial = extra };

    private static TrialResult Finish(EnergyRun run, TrialCase trial, double watts, ExperimentStatus status = ExperimentStatus.Passed) =>
        TrialPipeline.Finish(
            run, trial, new TrialBody(status, status == ExperimentStatus.Passed ? null : "stopped", "cpu", 1000, []),
            ResultSamples.Measurement(cpuWatts: watts, ramWatts: 0, seconds: 10), new Lines());

    // A noisy 20 % regression: five trials whose bounds reach below the band's upper edge (inconclusive).
    private static readonly double[] NoisyRegression = [150, 101, 140, 104, 135];

    [Fact]
    public void An_inconclusive_case_runs_extra_trials_judged_after_each_until_the_verdict_is_decided()
    {
        WriteBaseline();
        using var run = NewRun(("max-extra-trials", "10"));

        var planned = RunCase(run, NoisyRegression);
        Assert.Equal(GateVerdictKind.Inconclusive, planned.Row.Gate!.Kind);
        Assert.True(planned.ExtraTrialWanted);
        Assert.Equal(0, planned.Row.Gate.ExtraTrials);

        var results = new List<TrialResult>();
        for (var extra = 1; extra <= 10 && run.TakeExtraTrialWanted("case-1"); extra++)
        {
            results.Add(Finish(run, ExtraCase(5, extra), 125));
        }

        var last = results[^1];
        Assert.InRange(results.Count, 1, 9); // decided before the limit
        Assert.False(last.ExtraTrialWanted);
        Assert.False(run.TakeExtraTrialWanted("case-1"));
        Assert.Equal(GateVerdictKind.Regressed, last.Row.Gate!.Kind);
        Assert.Equal(ExperimentStatus.Regressed, last.Row.Outcome.Status);
        Assert.Equal(results.Count, last.Row.Gate.ExtraTrials);
        Assert.Equal(5 + results.Count, last.Row.Gate.CurrentTrials);
        Assert.Equal(5 + results.Count, last.Row.Outcome.Trial);
        Assert.Equal(5 + results.Count, last.Row.Outcome.Trials);
        Assert.All(results.SkipLast(1), r => Assert.Equal(GateVerdictKind.Inconclusive, r.Row.Gate!.Kind));
        Assert.Contains($"extra_trials={results.Count}", ResultColumns.Get("gate").FormatValue(last.Row), StringComparison.Ordinal);
        Assert.Contains($"after {results.Count} extra trial", last.GateFailure, StringComparison.Ordinal);

        // Every trial is a row, in trial order; the summary's gate table says how many extra trials ran.
        var rows = EnergyFacts.Results.Csv.EmissionsCsv.Read(Path.Combine(folder, "results", "emissions.csv")).Skip(5).ToList();
        Assert.Equal(Enumerable.Range(1, 5 + results.Count).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), rows.Select(r => r["trial"]));
        Assert.Contains($"extra_trials={results.Count}", File.ReadAllText(Path.Combine(folder, "results", "summary.md")), StringComparison.Ordinal);
        Assert.Contains($"\"extra_trials\":{results.Count}", File.ReadAllText(Path.Combine(folder, "results", "experiments.jsonl")), StringComparison.Ordinal);
    }

    [Fact]
    public void Extra_trials_stop_at_the_limit_and_the_case_stays_inconclusive_saying_so()
    {
        WriteBaseline();
        using var run = NewRun(("max-extra-trials", "2"));

        Assert.True(RunCase(run, NoisyRegression).ExtraTrialWanted);
        Assert.True(run.TakeExtraTrialWanted("case-1"));
        var first = Finish(run, ExtraCase(5, 1), 100);
        Assert.True(first.ExtraTrialWanted);
        Assert.True(run.TakeExtraTrialWanted("case-1"));
        var second = Finish(run, ExtraCase(5, 2), 150);

        Assert.Equal(GateVerdictKind.Inconclusive, second.Row.Gate!.Kind);
        Assert.False(second.ExtraTrialWanted);
        Assert.False(run.TakeExtraTrialWanted("case-1"));
        Assert.Equal(2, second.Row.Gate.ExtraTrials);
        Assert.Equal(ExperimentStatus.Passed, second.Row.Outcome.Status);
        Assert.Contains("Judged after 2 extra trials", second.Row.Gate.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_max_extra_trials_an_inconclusive_case_asks_for_none()
    {
        WriteBaseline();
        using var run = NewRun();

        var result = RunCase(run, NoisyRegression);

        Assert.Equal(GateVerdictKind.Inconclusive, result.Row.Gate!.Kind);
        Assert.False(result.ExtraTrialWanted);
        Assert.False(run.TakeExtraTrialWanted("case-1"));
    }

    [Theory]
    [InlineData("cancelled")]
    [InlineData("timed_out")]
    [InlineData("failed")]
    public void A_cancelled_timed_out_or_failed_extra_trial_is_never_judged_ends_the_follow_up_and_leaves_the_baseline(string statusToken)
    {
        Assert.True(FileTokens.TryParseStatus(statusToken, out var status));
        WriteBaseline();
        var before = File.ReadAllText(BaselinePath);
        using var run = NewRun(("max-extra-trials", "5"), ("update-baseline", "true"));
        Assert.True(RunCase(run, NoisyRegression).ExtraTrialWanted);
        Assert.True(run.TakeExtraTrialWanted("case-1"));

        var extra = Finish(run, ExtraCase(5, 1), 100, status);

        Assert.Null(extra.Row.Gate);
        Assert.Null(extra.GateFailure);
        Assert.Equal(status, extra.Row.Outcome.Status);
        Assert.False(extra.ExtraTrialWanted);
        Assert.False(run.TakeExtraTrialWanted("case-1"));
        Assert.Null(run.WriteBaselineIfAsked()); // the case did not pass every trial: not written into the baseline
        Assert.Equal(before, File.ReadAllText(BaselinePath));
    }

    [Fact]
    public void Seeded_noise_extra_trials_turn_inconclusive_cases_into_decisions_and_never_fail_an_unchanged_one()
    {
        // 5 trials against a 5-trial baseline, ±8 % uniform noise, up to 10 extra trials: how often does each workload end
        // decided? An unchanged workload must never end regressed; a 15 % regression must end regressed in most runs.
        var random = new Random(20261203);
        double Noisy(double scale) => 100 * scale * (1 + ((random.NextDouble() * 2) - 1) * 0.08);
        var outcomes = new Dictionary<double, List<GateVerdictKind>> { [1.0] = [], [1.15] = [] };
        var plannedOnly = new Dictionary<double, List<GateVerdictKind>> { [1.0] = [], [1.15] = [] };
        var extraRuns = 0;
        for (var simulation = 0; simulation < 20; simulation++)
        {
            foreach (var scale in outcomes.Keys)
            {
                var baseline = Path.Combine(folder, $"baseline-{simulation}-{scale}.json");
                using (var write = NewRunAt(baseline, Path.GetFileNameWithoutExtension(baseline), ("update-baseline", "true")))
                {
                    RunCase(write, [.. Enumerable.Range(0, 5).Select(_ => Noisy(1))]);
                    write.WriteBaselineIfAsked();
                }

                using var run = NewRunAt(baseline, Path.GetFileNameWithoutExtension(baseline), ("max-extra-trials", "10"));
                var last = RunCase(run, [.. Enumerable.Range(0, 5).Select(_ => Noisy(scale))]);
                plannedOnly[scale].Add(last.Row.Gate!.Kind);
                for (var extra = 1; run.TakeExtraTrialWanted("case-1"); extra++)
                {
                    last = Finish(run, ExtraCase(5, extra), Noisy(scale));
                    extraRuns++;
                }

                outcomes[scale].Add(last.Row.Gate!.Kind);
            }
        }

        TestContext.Current.TestOutputHelper?.WriteLine(
            $"15 % regressed after the planned 5 trials: {plannedOnly[1.15].Count(k => k == GateVerdictKind.Regressed)}/20, after extra trials: {outcomes[1.15].Count(k => k == GateVerdictKind.Regressed)}/20; "
            + $"unchanged ended regressed: {outcomes[1.0].Count(k => k == GateVerdictKind.Regressed)}/20; extra trials run: {extraRuns}");
        Assert.True(outcomes[1.15].Count(k => k == GateVerdictKind.Regressed) > plannedOnly[1.15].Count(k => k == GateVerdictKind.Regressed), "extra trials decided no more cases than the planned trials alone");
        Assert.DoesNotContain(GateVerdictKind.Regressed, outcomes[1.0]);
        Assert.True(outcomes[1.15].Count(k => k == GateVerdictKind.Regressed) >= 15, string.Join(", ", outcomes[1.15]));
        Assert.True(extraRuns > 0);
    }

    // A run against the baseline file given, writing into the results folder given (under the test's folder).
    private EnergyRun NewRunAt(string baseline, string results, params (string Key, string Value)[] settings)
    {
        var commandLine = new Dictionary<string, string>
        {
            ["energy-probes"] = "constant:cpu=100,gpu=0,ram=0",
            ["energy-lock-file"] = "experiments.lock",
            ["energy-results"] = results,
            ["energy-baseline"] = baseline,
        };
        foreach (var (key, value) in settings)
        {
            commandLine["energy-" + key] = value;
        }

        return new(new RunConfiguration(
            SettingsResolver.Resolve(new SettingsSources
            {
                WorkingDirectory = folder,
                ApplicationDirectory = folder,
                DefaultProjectName = "GateTests",
                CommandLine = commandLine,
            }),
            Guid.NewGuid()));
    }

    [Fact]
    public void The_early_stop_finds_the_case_baseline_median_energy_only_in_a_baseline_of_this_machine()
    {
        WriteBaseline(); // 5 trials at 100, 101, 99, 100.5, 99.5 W for 10 s
        using var run = NewRun();

        var energy = BaselineEnergy.Of(run, Case(1, 5));

        Assert.NotNull(energy);
        Assert.Equal(1000, energy.MedianJoules, 6);
        Assert.Equal(5, energy.Trials);
        Assert.Equal(BaselinePath, energy.File);
        Assert.Null(BaselineEnergy.Of(run, Case(1, 5) with { Model = "other" }));

        // The same baseline, claimed by another machine: nothing to stop against, unless mismatches are allowed.
        File.WriteAllText(BaselinePath, File.ReadAllText(BaselinePath).Replace("\"logicalCpus\": ", "\"logicalCpus\": 1000", StringComparison.Ordinal));
        using var elsewhere = NewRun();
        Assert.Null(BaselineEnergy.Of(elsewhere, Case(1, 5)));
        using var allowed = NewRun(("baseline-allow-mismatch", "true"));
        Assert.NotNull(BaselineEnergy.Of(allowed, Case(1, 5)));

        using var noGate = NewRun(("baseline", BaselinePath + ".missing"));
        Assert.Null(BaselineEnergy.Of(noGate, Case(1, 5)));
    }

    // Five trials at the given watts, each with a last epoch of the given top-1.
    private static TrialResult RunCaseWithTop1(EnergyRun run, double[] watts, double[] top1)
    {
        TrialResult? last = null;
        for (var i = 0; i < watts.Length; i++)
        {
            var epoch = new EpochRecord(1, 0.5, 0.6, top1[i], null, 0.1, 1000, TimeSpan.FromSeconds(10));
            last = TrialPipeline.Finish(
                run, Case(i + 1, watts.Length), new TrialBody(ExperimentStatus.Passed, null, "cpu", 1000, [epoch]),
                ResultSamples.Measurement(cpuWatts: watts[i], ramWatts: 0, seconds: 10), new Lines());
        }

        return last!;
    }

    private static readonly double[] BaselineTop1 = [0.80, 0.81, 0.79, 0.805, 0.795];

    private void WriteBaselineWithTop1()
    {
        using var run = NewRun(("update-baseline", "true"));
        RunCaseWithTop1(run, Watts, BaselineTop1);
        Assert.Equal(BaselinePath, run.WriteBaselineIfAsked());
    }

    [Fact]
    public void The_baseline_carries_the_top1_trials_the_energy_accuracy_gate_compares_with()
    {
        WriteBaselineWithTop1();

        var baseline = BaselineFile.Read(BaselinePath).Baseline!;
        var top1 = baseline.Cases.Single().Find(GatedFigure.Metric("top1"));

        Assert.NotNull(top1);
        Assert.True(top1.HigherIsBetter);
        Assert.Equal(BaselineTop1, top1.Values);
    }

    [Fact]
    public void An_energy_regression_paid_for_by_enough_accuracy_gain_is_accepted_and_says_both()
    {
        WriteBaselineWithTop1();
        using var run = NewRun(("accuracy-gain", "top1=0.02"));

        // 20 % more energy, top-1 up by about 0.05.
        var result = RunCaseWithTop1(run, [.. Watts.Select(w => w * 1.2)], [0.85, 0.86, 0.84, 0.855, 0.845]);

        Assert.Null(result.GateFailure);
        Assert.Equal(ExperimentStatus.Passed, result.Row.Outcome.Status);
        var gate = result.Row.Gate!;
        Assert.Equal(GateVerdictKind.Accepted, gate.Kind);
        Assert.False(gate.Fails);
        Assert.Contains("ratio 1.200", gate.Message, StringComparison.Ordinal); // the energy side
        Assert.Contains("Accepted by the energy–accuracy gate: metric:top1 gained 0.05", gate.Message, StringComparison.Ordinal);
        Assert.Contains("at least 0.02 fraction asked", gate.Message, StringComparison.Ordinal);
        Assert.StartsWith("accepted energy ratio=1.200", ResultColumns.Get("gate").FormatValue(result.Row), StringComparison.Ordinal);
        Assert.Contains("metric:top1 gain=0.05", ResultColumns.Get("gate").FormatValue(result.Row), StringComparison.Ordinal);
        var jsonl = File.ReadAllText(Path.Combine(folder, "results", "experiments.jsonl"));
        Assert.Contains("\"verdict\":\"accepted\"", jsonl, StringComparison.Ordinal);
        Assert.Contains("\"accuracy\":{\"figure\":\"metric:top1\",\"minimum_gain\":0.02,\"accepted\":true", jsonl, StringComparison.Ordinal);
    }

    [Fact]
    public void An_energy_regression_with_too_little_accuracy_gain_still_fails_saying_both()
    {
        WriteBaselineWithTop1();
        using var run = NewRun(("accuracy-gain", "top1=0.02"));

        var result = RunCaseWithTop1(run, [.. Watts.Select(w => w * 1.2)], [0.81, 0.82, 0.80, 0.815, 0.805]);

        Assert.Equal(ExperimentStatus.Regressed, result.Row.Outcome.Status);
        Assert.Equal(GateVerdictKind.Regressed, result.Row.Gate!.Kind);
        Assert.Contains("ratio 1.200", result.GateFailure, StringComparison.Ordinal);
        Assert.Contains("The energy–accuracy gate does not accept it: metric:top1 gained 0.01", result.GateFailure, StringComparison.Ordinal);
        Assert.Contains("at least 0.02 fraction asked", result.GateFailure, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_accuracy_values_an_energy_regression_is_not_accepted_and_an_unchanged_energy_is_not_touched()
    {
        WriteBaseline(); // no top-1 in the baseline or the run
        using (var run = NewRun(("accuracy-gain", "top1=0.02")))
        {
            var result = RunCase(run, Watts, scale: 1.2);
            Assert.Equal(ExperimentStatus.Regressed, result.Row.Outcome.Status);
            Assert.Contains("this run reported no 'metric:top1' values", result.GateFailure, StringComparison.Ordinal);
        }

        using var unchanged = NewRun(("accuracy-gain", "top1=0.02"));
        var same = RunCase(unchanged, [100.5, 99, 100, 101, 99.5]);
        Assert.Null(same.Row.Gate!.AccuracyRequirement);
        Assert.DoesNotContain("energy–accuracy", same.Row.Gate.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void With_fail_inconclusive_the_case_fails_only_when_its_extra_trials_are_spent_and_it_is_still_inconclusive()
    {
        WriteBaseline();
        using var run = NewRun(("max-extra-trials", "1"), ("fail-inconclusive", "true"));

        var planned = RunCase(run, NoisyRegression);
        Assert.Equal(GateVerdictKind.Inconclusive, planned.Row.Gate!.Kind);
        Assert.Null(planned.GateFailure); // not yet: an extra trial follows
        Assert.Equal(ExperimentStatus.Passed, planned.Row.Outcome.Status);
        Assert.Contains("Not failed yet: extra trial 1 of at most 1 follows.", planned.Row.Gate.Message, StringComparison.Ordinal);
        Assert.True(run.TakeExtraTrialWanted("case-1"));

        var extra = Finish(run, ExtraCase(5, 1), 100);

        Assert.Equal(GateVerdictKind.Inconclusive, extra.Row.Gate!.Kind);
        Assert.False(extra.ExtraTrialWanted);
        Assert.Equal(ExperimentStatus.Regressed, extra.Row.Outcome.Status);
        Assert.Contains("--energy-fail-inconclusive makes it a failure", extra.GateFailure, StringComparison.Ordinal);
    }
}

