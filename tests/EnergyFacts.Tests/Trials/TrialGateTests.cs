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

    private EnergyRun NewRun(params (string Key, string Value)[] settings)
    {
        var commandLine = new Dictionary<string, string>
        {
            ["energy-probes"] = "constant:cpu=100,gpu=0,ram=0",
            ["energy-lock-file"] = "experiments.lock",
            ["energy-results"] = "results",
            ["energy-baseline"] = BaselinePath,
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
}
