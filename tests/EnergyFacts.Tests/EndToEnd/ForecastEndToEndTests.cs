using System.Globalization;
using System.Text.Json;
using EnergyFacts.Results.Csv;

namespace EnergyFacts.Tests.EndToEnd;

public sealed class ForecastEndToEndTests
{
    [Fact]
    public void A_run_forecast_over_its_budget_is_stopped_before_half_its_epochs_saying_forecast_allowed_and_saved()
    {
        var run = SampleExperimentsProcess.Run(["--filter-method", "SampleExperiments.Forecasts.TooCostly", "--energy-probes", "constant:cpu=100"]);

        Assert.NotEqual(0, run.ExitCode);
        var row = Assert.Single(EmissionsCsv.Read(run.EmissionsCsv));
        Assert.Equal("aborted_predicted_over_budget", row["status"]);
        Assert.Contains("is forecast at", row["message"], StringComparison.Ordinal);
        Assert.Contains("above its budget of 21.6 J", row["message"], StringComparison.Ordinal);
        Assert.Contains("the abort saved about", row["message"], StringComparison.Ordinal);
        var predicted = double.Parse(row["predicted_energy_joules"], CultureInfo.InvariantCulture);
        var spent = double.Parse(row["energy_joules"], CultureInfo.InvariantCulture);
        Assert.True(predicted > 21.6 * 1.25 && spent < predicted, $"predicted {predicted} J, spent {spent} J");
        using var line = JsonDocument.Parse(File.ReadLines(Path.Combine(run.ResultsDirectory, "experiments.jsonl")).Single());
        var history = line.RootElement.GetProperty("history");
        Assert.InRange(history.GetArrayLength(), 1, 4); // stopped before half of the 10 epochs
        var forecasts = line.RootElement.GetProperty("forecasts");
        Assert.Equal(history.GetArrayLength(), forecasts.GetArrayLength());
        Assert.Equal("linear_per_epoch", forecasts[0].GetProperty("model").GetString());
    }
}
