using EnergyFacts.Metrics;
using EnergyFacts.Results;
using EnergyFacts.Trials;

namespace EnergyFacts.Tests.Metrics;

/// <summary>TTCAPC, TTCAPEC, FMS and ASC of a trial from its per-epoch history (the row's training metrics).</summary>
public sealed class TrainingMetricsTests
{
    // Three epochs of 10 s, 3600 J (1 Wh) each: cumulative 1, 2, 3 Wh at top-1 0.5, 0.8, 0.9.
    // APC (α = 0.1, β = 1, Wh/run): 0.5/1.55 = 0.32258, 0.8/1.56 = 0.51282, 0.9/1.57 = 0.57325.
    private static readonly EpochRecord[] History =
    [
        Epoch(1, 0.5, 3600),
        Epoch(2, 0.8, 3600),
        Epoch(3, 0.9, 3600),
    ];

    private static EpochRecord Epoch(int epoch, double? top1, double? joules, params ReportedMetric[] metrics) =>
        new(epoch, 1.0, null, top1, null, null, 100, TimeSpan.FromSeconds(10))
        {
            Energy = joules is { } j ? new Joules(j) : null,
            Metrics = metrics,
        };

    private static RowMetricSettings Settings(double? target = 0.5, PricePerKilowattHour? price = null, string performance = "top1") =>
        RowMetricSettings.Default with { TtcapcTarget = target, Price = price, Performance = performance };

    [Fact]
    public void Golden_values_on_a_known_history()
    {
        var training = TrialTrainingMetrics.Of(History, [], new Joules(3 * 3600), Settings(0.5, new PricePerKilowattHour(0.2, "EUR")));

        // |APC − 0.5|: 0.177, 0.0128, 0.0732 → epoch 2, 20 s into training.
        Assert.Equal(2, training.Ttcapc!.Checkpoint.Epoch);
        Assert.Equal(20, training.Ttcapc.TimeToClosest.TotalSeconds, 12);
        Assert.Equal(0.8 / 1.56, training.Ttcapc.Score.Value, 15);
        // APEC at 0.2 EUR/kWh: costs 0.0002, 0.0004, 0.0006 EUR, all ≈ their accuracy; 0.5/(1+0.0002·0.55) is closest to 0.5.
        Assert.Equal(1, training.Ttcapec!.Checkpoint.Epoch);
        Assert.Equal(0.5 / (1 + (0.0002 * 0.55)), training.Ttcapec.Score.Value, 15);
        // FMS (β = 1, E_ref = 1 kWh): S_E = 3.6e6/(3.6e6 + 10800) = 0.997009; 2·0.9·S_E/(0.9 + S_E).
        var score = 3.6e6 / (3.6e6 + 10_800);
        Assert.Equal(2 * 0.9 * score / (0.9 + score), training.Fms!.Value, 15);
        // ASC over [0, 3 Wh] from P_0 = 0: (0.25 + 0.65 + 0.85) / 3.
        Assert.Equal((0.25 + 0.65 + 0.85) / 3, training.Asc!.Value, 15);
        Assert.Empty(training.Missing);
        Assert.Equal(
            "target=0.5 alpha=0.1 beta=1 consumption=Wh/run price=0.2 EUR/kWh performance=top1 fms_beta=1 reference_energy=3600000J asc_budget=10800J",
            training.ToString());
    }

    [Fact]
    public void Work_after_the_last_epoch_extends_the_asc_budget_with_the_last_performance_held()
    {
        var training = TrialTrainingMetrics.Of(History, [], new Joules(4 * 3600), Settings());

        Assert.Equal(4 * 3600, training.AscBudget.Value);
        Assert.Equal((0.25 + 0.65 + 0.85 + 0.9) / 4, training.Asc!.Value, 15);
    }

    [Fact]
    public void Without_a_target_ttcapc_is_empty_and_says_why()
    {
        var training = TrialTrainingMetrics.Of(History, [], new Joules(3 * 3600), Settings(target: null));

        Assert.Null(training.Ttcapc);
        Assert.Null(training.Ttcapec);
        Assert.NotNull(training.Fms);
        Assert.NotNull(training.Asc);
        Assert.Contains("ttcapc, ttcapec: no target (--energy-ttcapc-target)", training.Missing);
        Assert.Contains("target=none", training.ToString(), StringComparison.Ordinal);
        Assert.EndsWith("empty: ttcapc, ttcapec: no target (--energy-ttcapc-target)", training.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_price_only_ttcapec_is_empty()
    {
        var training = TrialTrainingMetrics.Of(History, [], new Joules(3 * 3600), Settings());

        Assert.NotNull(training.Ttcapc);
        Assert.Null(training.Ttcapec);
        Assert.Equal(["ttcapec: no price (--energy-price)"], training.Missing);
    }

    [Fact]
    public void Without_a_history_every_history_figure_is_empty_and_fms_needs_a_top1()
    {
        var training = TrialTrainingMetrics.Of([], [], new Joules(100), Settings());

        Assert.Null(training.Ttcapc);
        Assert.Null(training.Asc);
        Assert.Null(training.Fms);
        Assert.Contains("ttcapc, ttcapec, asc: no per-epoch history (ReportEpoch)", training.Missing);
        Assert.Contains("fms: no top-1 between 0 and 1", training.Missing);
    }

    [Fact]
    public void An_epoch_without_measured_energy_leaves_the_history_figures_empty()
    {
        EpochRecord[] history = [Epoch(1, 0.5, 3600), Epoch(2, 0.8, null)];

        var training = TrialTrainingMetrics.Of(history, [], new Joules(7200), Settings());

        Assert.Null(training.Ttcapc);
        Assert.Null(training.Asc);
        Assert.NotNull(training.Fms);
        Assert.Contains("ttcapc, ttcapec, asc: epoch 2 has no measured energy", training.Missing);
    }

    [Fact]
    public void A_reported_metric_is_the_performance_figure_epoch_by_epoch()
    {
        EpochRecord[] history =
        [
            Epoch(1, 0.9, 3600, new ReportedMetric("mIoU", 0.2, null, true)),
            Epoch(2, 0.9, 3600, new ReportedMetric("mIoU", 0.6, null, true)),
        ];
        ReportedMetric[] final = [new("mIoU", 0.6, null, true)];

        var training = TrialTrainingMetrics.Of(history, final, new Joules(7200), Settings(target: 0.6, performance: "mIoU"));

        // mIoU, not top-1: ASC = (0.1 + 0.4) / 2, and the closest APC to 0.6 is epoch 2's 0.6/(1 + 2·(0.9·0.4 + 0.1)).
        Assert.Equal(0.25, training.Asc!.Value, 15);
        Assert.Equal(2, training.Ttcapc!.Checkpoint.Epoch);
        Assert.Equal(0.6 / (1 + (2 * ((0.9 * 0.4) + 0.1))), training.Ttcapc.Score.Value, 15);
        var score = 3.6e6 / (3.6e6 + 7200);
        Assert.Equal(2 * 0.6 * score / (0.6 + score), training.Fms!.Value, 15);
        Assert.Contains("performance=mIoU", training.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_metric_no_epoch_carried_says_to_report_it_before_the_epoch()
    {
        var training = TrialTrainingMetrics.Of(History, [new("F1", 0.7, null, true)], new Joules(3 * 3600), Settings(performance: "F1"));

        Assert.Null(training.Asc);
        Assert.NotNull(training.Fms);
        Assert.Contains("ttcapc, ttcapec, asc: no epoch carried metric F1 between 0 and 1 (report it before ReportEpoch)", training.Missing);
    }

    [Fact]
    public void A_larger_reference_energy_raises_fms_and_beta_moves_it_from_performance_to_energy_score()
    {
        RowMetricSettings At(double beta) => Settings() with { ReferenceEnergy = new Joules(3600), FmsBeta = beta };
        var small = TrialTrainingMetrics.Of(History, [], new Joules(10_800), At(1));
        var large = TrialTrainingMetrics.Of(History, [], new Joules(10_800), Settings() with { ReferenceEnergy = new Joules(36_000) });
        var energyHeavy = TrialTrainingMetrics.Of(History, [], new Joules(10_800), At(3));
        var performanceHeavy = TrialTrainingMetrics.Of(History, [], new Joules(10_800), At(1.0 / 3));

        // S_E = 0.25 at E_ref = 1 Wh and P = 0.9: FMS_1 = 2·0.9·0.25/1.15; β = 3 moves it toward S_E, β = 1/3 toward P.
        Assert.Equal(2 * 0.9 * 0.25 / 1.15, small.Fms!.Value, 15);
        Assert.True(large.Fms > small.Fms);
        Assert.Equal(10 * 0.9 * 0.25 / ((9 * 0.9) + 0.25), energyHeavy.Fms!.Value, 15);
        Assert.InRange(energyHeavy.Fms.Value, 0.25, small.Fms.Value);
        Assert.InRange(performanceHeavy.Fms!.Value, small.Fms.Value, 0.9);
    }
}
