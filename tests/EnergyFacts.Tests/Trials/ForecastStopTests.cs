using EnergyFacts.Accounting;
using EnergyFacts.Gates;
using EnergyFacts.Results;
using EnergyFacts.Trials;

namespace EnergyFacts.Tests.Trials;

/// <summary>The early stop's decision from a forecast, a budget and the baseline's energy: exact figures, no clock.</summary>
public sealed class ForecastStopTests
{
    private static readonly BaselineEnergy Baseline = new(100, 5, FigureSource.Estimated, RelativeThreshold.Default, "energy-baseline.json");

    // Ten epochs; the energy at the end of each epoch done so far.
    private static EnergyForecast After(params double[] spent) => EnergyForecast.Predict([.. spent.Select(j => new Joules(j))], 10);

    [Fact]
    public void A_forecast_above_the_baseline_median_by_threshold_and_margin_stops_naming_forecast_baseline_and_limit()
    {
        // After epoch 2 of 10: 27.5 J + 12.5 J × 8 more = 127.5 J, below 100 × 1.05 × 1.25 = 131.25 J; 31 J + 16 J × 8 = 159 J is above.
        Assert.Null(ForecastStop.Decide(After(15, 27.5), budget: null, Baseline));
        var stop = ForecastStop.Decide(After(15, 31), budget: null, Baseline);

        Assert.NotNull(stop);
        Assert.Equal(ExperimentStatus.PredictedOverBaseline, stop.Status);
        Assert.Contains("after epoch 2/10 the run is forecast at 159 J (FirstEpochApart)", stop.Reason, StringComparison.Ordinal);
        Assert.Contains("1.59× the baseline's median of 100 J (5 trials, estimated, energy-baseline.json)", stop.Reason, StringComparison.Ordinal);
        Assert.Contains("limit 131.2 J", stop.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void After_epoch_1_alone_the_margin_is_100_percent()
    {
        Assert.Equal(1.0, ForecastStop.MarginOf(After(20)));
        Assert.Null(ForecastStop.Decide(After(21), budget: null, Baseline)); // 210 J ≤ 100 × 1.05 × 2
        Assert.Equal(ExperimentStatus.PredictedOverBaseline, ForecastStop.Decide(After(21.1), budget: null, Baseline)!.Status);
    }

    [Fact]
    public void The_budget_is_checked_first_and_without_either_nothing_stops()
    {
        var budget = new KilowattHours(100 / Joules.PerKilowattHour);

        Assert.Equal(ExperimentStatus.PredictedOverBudget, ForecastStop.Decide(After(15, 31), budget, Baseline)!.Status);
        Assert.Null(ForecastStop.Decide(After(50, 100), budget: null, baseline: null));
    }

    [Fact]
    public void No_stop_after_the_last_epoch()
    {
        var last = EnergyForecast.Predict([.. Enumerable.Range(1, 10).Select(i => new Joules(i * 100))], 10);

        Assert.Null(ForecastStop.Decide(last, new KilowattHours(1e-9), Baseline));
    }
}
