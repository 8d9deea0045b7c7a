using EnergyFacts.Gates;
using Perfolizer.Mathematics.SignificanceTesting.Base;
using Perfolizer.Mathematics.SignificanceTesting.MannWhitney;
using Perfolizer.Metrology;
using Pragmastat;
using static EnergyFacts.Tests.Gates.GateSamples;

namespace EnergyFacts.Tests.Gates;

public sealed class RegressionGateTests(ITestOutputHelper output)
{
    private const int Simulations = 100;

    /// <summary>Verdicts of <see cref="Simulations"/> seeded runs: n trials of center × effect against m of center, ±5 % uniform noise.</summary>
    private static List<CaseVerdict> Simulate(int seed, int n, int m, double effect, GateSettings? settings = null)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, Simulations).Select(_ => Decide(Noisy(random, m, 1000), Noisy(random, n, 1000 * effect), settings))];
    }

    [Fact]
    public void With_5_trials_against_5_and_5_percent_noise_an_unchanged_workload_passes_99_of_100_and_a_20_percent_regression_fails_95_of_100()
    {
        var unchanged = Simulate(seed: 1, 5, 5, effect: 1.0);
        var regressed = Simulate(seed: 2, 5, 5, effect: 1.2);

        var passes = unchanged.Count(v => !v.Fails);
        var detected = regressed.Count(v => v.Kind == GateVerdictKind.Regressed && v.Fails);
        output.WriteLine($"unchanged: {passes}/100 pass ({string.Join(", ", unchanged.GroupBy(v => v.Kind).Select(g => $"{g.Count()} {g.Key.Name()}"))}); 20 % regression: {detected}/100 fail");
        output.WriteLine(regressed[0].Message);
        Assert.True(passes >= 99, $"{passes}/100 unchanged runs passed");
        Assert.True(detected >= 95, $"{detected}/100 regressed runs failed");
        Assert.All(regressed, v => Assert.Equal(0.968, v.Comparison!.AchievedConfidence, 3));
    }

    [Fact]
    public void With_10_trials_the_smallest_regression_detected_95_of_100_is_beyond_the_threshold_and_below_12_percent()
    {
        var smallest = Enumerable.Range(0, 81)
            .Select(step => 1.0 + (step * 0.0025))
            .First(effect => Simulate(seed: 3, 10, 10, effect).Count(v => v.Kind == GateVerdictKind.Regressed) >= 95);
        var atThreshold = Simulate(seed: 3, 10, 10, effect: 1.05).Count(v => v.Kind == GateVerdictKind.Regressed);
        var falseAlarms = Simulate(seed: 4, 10, 10, effect: 1.0).Count(v => v.Fails);

        output.WriteLine($"10 vs 10 trials, ±5 % noise: smallest regression detected in ≥ 95/100 = {(smallest - 1) * 100:0.##} %; at the 5 % threshold itself {atThreshold}/100; unchanged false alarms {falseAlarms}/100");
        Assert.InRange(smallest, 1.05, 1.12);
        Assert.True(atThreshold <= 5, $"{atThreshold}/100 flagged at exactly the threshold");
        Assert.Equal(0, falseAlarms);
    }

    [Fact]
    public void The_verdict_agrees_with_Perfolizers_one_sided_Mann_Whitney_test_against_the_threshold()
    {
        // The bounds invert the rank test: lower bound above 1 + t exactly when the exact test of
        // "current > (1 + t) × baseline" is significant at (1 − confidence) / 2.
        var random = new Random(5);
        var threshold = Threshold.Parse("5%");
        var agreements = 0;
        for (var i = 0; i < 300; i++)
        {
            var baseline = Noisy(random, 6, 1000);
            var current = Noisy(random, 7, 1000 * (1 + (random.NextDouble() * 0.25)));
            var verdict = Decide(baseline, current);
            var test = MannWhitneyTest.Instance.PerformStrategy(
                new Sample(current), new Sample(baseline), AlternativeHypothesis.Greater, threshold, MannWhitneyStrategy.ClassicExact);
            Assert.Equal(test.PValue.Value <= 0.025, verdict.Kind == GateVerdictKind.Regressed);
            agreements += verdict.Kind == GateVerdictKind.Regressed ? 1 : 0;
        }

        Assert.InRange(agreements, 30, 270);
    }

    [Fact]
    public void Scaling_both_samples_by_a_constant_keeps_the_verdict_and_the_ratio()
    {
        var random = new Random(6);
        for (var i = 0; i < 200; i++)
        {
            var baseline = Noisy(random, 5, 1000);
            var current = Noisy(random, 5, 1000 * (0.85 + (random.NextDouble() * 0.3)));
            var scale = Math.Pow(10, (random.NextDouble() * 12) - 6);

            var verdict = Decide(baseline, current);
            var scaled = Decide([.. baseline.Select(v => v * scale)], [.. current.Select(v => v * scale)]);

            Assert.Equal(verdict.Kind, scaled.Kind);
            Assert.Equal(verdict.Comparison!.Estimate, scaled.Comparison!.Estimate, 9);
            Assert.Equal(verdict.Comparison.Lower, scaled.Comparison.Lower, 9);
        }
    }

    [Fact]
    public void Swapping_baseline_and_current_swaps_improved_and_regressed()
    {
        var random = new Random(7);
        var seen = new HashSet<GateVerdictKind>();
        for (var i = 0; i < 300; i++)
        {
            var a = Noisy(random, 5, 1000);
            var b = Noisy(random, 5, 1000 * (0.8 + (random.NextDouble() * 0.4)));

            var forward = Decide(a, b).Kind;
            var backward = Decide(b, a).Kind;
            seen.Add(forward);

            var mirrored = forward switch
            {
                GateVerdictKind.Regressed => GateVerdictKind.Improved,
                GateVerdictKind.Improved => GateVerdictKind.Regressed,
                _ => forward,
            };
            Assert.Equal(mirrored, backward);
        }

        Assert.Superset(new HashSet<GateVerdictKind> { GateVerdictKind.Regressed, GateVerdictKind.Improved, GateVerdictKind.Inconclusive }, seen);
    }

    [Fact]
    public void A_regressed_message_states_medians_ratio_bounds_threshold_confidence_trials_figure_and_source()
    {
        var verdict = Decide([1000, 1010, 990, 1005, 995], [1200, 1210, 1190, 1205, 1195]);

        Assert.Equal(GateVerdictKind.Regressed, verdict.Kind);
        Assert.True(verdict.Fails);
        Assert.Equal(
            "energy regressed (fails): TrainingEnergy.Train [lenet | batch=64 | epochs=2 | dataset=fashion-mnist | device=cpu]. "
            + "Median 1200 J now (5 trials) vs 1000 J in the baseline (5 trials); ratio 1.200, bounds [1.184, 1.216] at 96.8 % confidence "
            + "(exact rank bounds, 95 % asked); threshold 5 %, unchanged band [0.952, 1.050]. Source estimated (baseline estimated), lower is better. "
            + "Regressed: the whole interval is above the band, a change beyond the 5 % threshold.",
            verdict.Message);
    }

    [Fact]
    public void A_higher_is_better_metric_regresses_when_it_falls()
    {
        var top1 = GatedFigure.Metric("top1");
        CaseMeasurement With(double[] accuracy) =>
            Case(Key(), [1000, 1000, 1000, 1000, 1000], more: new FigureTrials(top1, "ratio", FigureSource.Measured, higherIsBetter: true, accuracy));
        var settings = Settings() with { Figure = top1 };

        var fell = RegressionGate.DecideCase(With([0.90, 0.91, 0.92, 0.905, 0.915]), With([0.80, 0.81, 0.82, 0.805, 0.815]), settings, "b.json");
        var rose = RegressionGate.DecideCase(With([0.80, 0.81, 0.82, 0.805, 0.815]), With([0.90, 0.91, 0.92, 0.905, 0.915]), settings, "b.json");

        Assert.Equal(GateVerdictKind.Regressed, fell.Kind);
        Assert.Contains("the whole interval is below the band", fell.Message, StringComparison.Ordinal);
        Assert.Contains("higher is better", fell.Message, StringComparison.Ordinal);
        Assert.Equal(GateVerdictKind.Improved, rose.Kind);
        Assert.False(rose.Fails);
    }

    [Fact]
    public void One_trial_is_too_few_with_the_minimum_stated_and_the_case_fails()
    {
        var verdict = Decide([1000, 1010, 990, 1005, 995], [1000]);

        Assert.Equal(GateVerdictKind.TooFewTrials, verdict.Kind);
        Assert.True(verdict.Fails);
        Assert.Equal(3, verdict.MinimumTrials);
        Assert.Contains("with 1 trials against 5 baseline trials the most extreme ordering still happens by chance with probability 2 / C(6, 1) = 0.3333 > 0.05", verdict.Message, StringComparison.Ordinal);
        Assert.Contains("Run at least 3 trials against this baseline (4 each when the baseline is refreshed)", verdict.Message, StringComparison.Ordinal);
        Assert.Contains("the case fails rather than passing unchecked", verdict.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.95, 5, 3)]
    [InlineData(0.95, 4, 4)]
    [InlineData(0.99, 5, 5)]
    [InlineData(0.90, 3, 4)]
    public void The_minimum_trials_follow_from_2_over_C_n_plus_m_n(double confidence, int baselineTrials, int expected)
    {
        var level = new GateConfidence(confidence);

        Assert.Equal(expected, RankBounds.MinimumTrials(baselineTrials, level));
        Assert.True(RankBounds.SmallestMisrate(expected, baselineTrials) <= 1 - confidence);
        Assert.True(RankBounds.SmallestMisrate(expected - 1, baselineTrials) > 1 - confidence);
        Assert.NotNull(TwoSampleComparison.Ratio([.. Enumerable.Repeat(1.0, baselineTrials)], [.. Enumerable.Repeat(1.0, expected)], level));
        Assert.Null(TwoSampleComparison.Ratio([.. Enumerable.Repeat(1.0, baselineTrials)], [.. Enumerable.Repeat(1.0, expected - 1)], level));
    }

    [Fact]
    public void A_baseline_of_one_trial_asks_for_a_larger_baseline()
    {
        var verdict = Decide([1000], [1000, 1010, 990, 1005, 995, 1000, 1000, 1000, 1000, 1000]);

        Assert.Equal(GateVerdictKind.TooFewTrials, verdict.Kind);
        Assert.Contains("Run at least 39 trials against this baseline (4 each when the baseline is refreshed)", verdict.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(-0.05)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void A_threshold_outside_0_to_1_is_refused_with_what_is_allowed(double fraction)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new RelativeThreshold(fraction));

        Assert.Contains("a regression threshold must be more than 0 and less than 1 (0.05 is 5 %)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_case_the_baseline_lacks_is_new_and_passes_unless_a_baseline_is_required()
    {
        var baseline = new Baseline([Case(Key("mlp"), [1, 2, 3, 4, 5])]);
        var run = new[] { Case(Key("lenet"), [1, 2, 3, 4, 5]) };

        var lenient = RegressionGate.Decide(BaselineRead.Loaded("/b.json", baseline), run, Settings());
        var strict = RegressionGate.Decide(BaselineRead.Loaded("/b.json", baseline), run, Settings() with { RequireBaseline = true });

        Assert.Equal(GateVerdictKind.New, lenient.Verdicts.Single().Kind);
        Assert.False(lenient.Fails);
        Assert.Contains($"New: /b.json has no case {Key("lenet")}; not compared. It passes; --energy-update-baseline adds it.", lenient.Verdicts.Single().Message, StringComparison.Ordinal);
        Assert.True(strict.Fails);
        Assert.Equal("1 cases against /b.json: 1 new; 1 fail", strict.Summary);
    }

    [Fact]
    public void A_missing_baseline_file_makes_every_case_new_and_says_so()
    {
        var report = RegressionGate.Decide(BaselineRead.Missing("/b.json"), [Case(Key(), [1, 2, 3])], Settings());
        var required = RegressionGate.Decide(BaselineRead.Missing("/b.json"), [Case(Key(), [1, 2, 3])], Settings() with { RequireBaseline = true });

        Assert.False(report.Fails);
        Assert.Contains("No baseline file at /b.json (a first run?)", report.Verdicts.Single().Message, StringComparison.Ordinal);
        Assert.True(required.Fails);
        Assert.Contains("--energy-require-baseline makes that a failure", required.Verdicts.Single().Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Another_machine_or_source_is_a_failing_mismatch_unless_allowed_and_then_still_stated()
    {
        var other = Machine with { CpuModel = "Intel Xeon Gold 6338", LogicalCpus = 4 };
        var baseline = Case(Key(), [1000, 1010, 990, 1005, 995], FigureSource.Measured);
        var current = Case(Key(), [1200, 1210, 1190, 1205, 1195], FigureSource.Estimated, other);

        var refused = RegressionGate.DecideCase(baseline, current, Settings(), "b.json");
        var allowed = RegressionGate.DecideCase(baseline, current, Settings() with { AllowMismatch = true }, "b.json");

        Assert.Equal(GateVerdictKind.Mismatch, refused.Kind);
        Assert.True(refused.Fails);
        Assert.Null(refused.Comparison);
        Assert.Contains("Baseline and run differ: machine CPU 'AMD EPYC 7763 64-Core Processor' → 'Intel Xeon Gold 6338'; machine logical CPUs '2' → '4'; source measured → estimated.", refused.Message, StringComparison.Ordinal);
        Assert.Equal(GateVerdictKind.Regressed, allowed.Kind);
        Assert.Contains("Compared despite the differences", allowed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Values_in_other_units_are_never_compared_even_when_mismatches_are_allowed()
    {
        var baseline = new CaseMeasurement(Key(), Machine, "auto", [new FigureTrials(GatedFigure.Energy, "kWh", FigureSource.Measured, false, [1, 2, 3, 4, 5])]);
        var current = Case(Key(), [1, 2, 3, 4, 5], FigureSource.Measured);

        var verdict = RegressionGate.DecideCase(baseline, current, Settings() with { AllowMismatch = true }, "b.json");

        Assert.Equal(GateVerdictKind.Mismatch, verdict.Kind);
        Assert.Contains("unit kWh → J", verdict.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Inconclusive_passes_unless_told_and_asks_for_the_extra_trials_left()
    {
        double[] baseline = [1000, 1040, 960, 1020, 980];
        double[] current = [1040, 1080, 1000, 1060, 1020];
        var lenient = Decide(baseline, current, Settings() with { MaxExtraTrials = 5 });
        var strict = Decide(baseline, current, Settings() with { FailInconclusive = true });

        Assert.Equal(GateVerdictKind.Inconclusive, lenient.Kind);
        Assert.False(lenient.Fails);
        Assert.Equal(3, RegressionGate.ExtraTrialsWanted(lenient, Settings() with { MaxExtraTrials = 5 }, extraTrialsRun: 2));
        Assert.True(strict.Fails);
        Assert.Contains("--energy-fail-inconclusive makes it a failure", strict.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_figure_the_run_does_not_report_fails_with_a_hint()
    {
        var verdict = Decide([1, 2, 3], [1, 2, 3], Settings() with { Figure = GatedFigure.Metric("top5") });

        Assert.Equal(GateVerdictKind.TooFewTrials, verdict.Kind);
        Assert.True(verdict.Fails);
        Assert.Contains("The run reported no values of 'metric:top5'", verdict.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_energy_rise_passes_the_energy_accuracy_gate_only_with_the_stated_accuracy_gain()
    {
        var top1 = GatedFigure.Metric("top1");
        FigureTrials Accuracy(params double[] values) => new(top1, "ratio", FigureSource.Measured, higherIsBetter: true, values);
        var energy = Decide([1000, 1010, 990, 1005, 995], [1200, 1210, 1190, 1205, 1195]);
        var before = Accuracy(0.80, 0.81, 0.79, 0.805, 0.795);

        var paid = EnergyAccuracyGate.Decide(energy, before, Accuracy(0.85, 0.86, 0.84, 0.855, 0.845), minimumGain: 0.02, GateConfidence.Default);
        var unpaid = EnergyAccuracyGate.Decide(energy, before, Accuracy(0.81, 0.82, 0.80, 0.815, 0.805), minimumGain: 0.02, GateConfidence.Default);
        var noRise = EnergyAccuracyGate.Decide(Decide([1000, 1010, 990], [1000, 1010, 990]), before, Accuracy(0.7, 0.7, 0.7), 0.02, GateConfidence.Default);

        Assert.True(paid.Accepted);
        Assert.False(paid.Fails);
        Assert.Equal(0.05, paid.AccuracyGain!.Estimate, 9);
        Assert.Contains("Accepted by the energy–accuracy gate: metric:top1 gained 0.05 ratio", paid.Message, StringComparison.Ordinal);
        Assert.False(unpaid.Accepted);
        Assert.True(unpaid.Fails);
        Assert.Contains("does not accept it", unpaid.Message, StringComparison.Ordinal);
        Assert.Equal(energy.Fails, !paid.Fails);
        Assert.Equal(noRise.Energy.Fails, noRise.Fails);
    }

    [Fact]
    public void Non_positive_values_cannot_be_a_ratio_and_say_why()
    {
        var verdict = Decide([0, 0, 0, 0, 0], [1, 1, 1, 1, 1]);

        Assert.Equal(GateVerdictKind.Inconclusive, verdict.Kind);
        Assert.Contains("a ratio compares positive values only", verdict.Message, StringComparison.Ordinal);
    }
}
