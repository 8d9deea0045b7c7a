using EnergyFacts.Accounting;

namespace EnergyFacts.Tests.Accounting;

public sealed class EnergyForecastTests
{
    [Fact]
    public void After_one_epoch_the_forecast_is_linear()
    {
        var forecast = EnergyForecast.Predict([new Joules(12)], epochs: 10);

        Assert.Equal(ForecastModel.LinearPerEpoch, forecast.Model);
        Assert.Equal(120, forecast.PredictedTotal.Value);
    }

    [Fact]
    public void From_two_epochs_on_the_first_epoch_is_kept_apart()
    {
        // Epoch 1 costs 30 J (warm-up), epochs 2 and 3 cost 10 J each: 50 J so far, 7 more epochs at 10 J.
        var forecast = EnergyForecast.Predict([new Joules(30), new Joules(40), new Joules(50)], epochs: 10);

        Assert.Equal(ForecastModel.FirstEpochApart, forecast.Model);
        Assert.Equal(3, forecast.AfterEpoch);
        Assert.Equal(120, forecast.PredictedTotal.Value, 9);
        // The linear model would have said 166.7 J: the slow first epoch inflates it.
    }

    [Fact]
    public void After_the_last_epoch_the_forecast_is_the_energy_spent()
    {
        var forecast = EnergyForecast.Predict([new Joules(30), new Joules(40)], epochs: 2);

        Assert.Equal(40, forecast.PredictedTotal.Value);
    }

    [Theory]
    [InlineData(0, 5)]
    [InlineData(3, 2)]
    public void A_forecast_needs_between_one_and_all_epochs(int measured, int epochs)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => EnergyForecast.Predict([.. Enumerable.Repeat(new Joules(1), measured)], epochs));

        Assert.Contains("measured epochs", error.Message, StringComparison.Ordinal);
    }
}
