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

    [Fact]
    public void A_run_forecast_far_above_its_baseline_is_stopped_saying_forecast_baseline_median_and_energy_saved()
    {
        var baseline = Path.Combine(Path.GetTempPath(), $"energyfacts-e2e-baseline-{Guid.NewGuid():N}.json");
        string[] arguments = ["--filter-method", "SampleExperiments.BaselineForecasts.Epochs", "--energy-probes", "constant:cpu=100", "--energy-baseline", baseline];

        var first = SampleExperimentsProcess.Run([.. arguments, "--energy-update-baseline"], new Dictionary<string, string> { ["SAMPLE_EPOCH_MS"] = "20" });
        Assert.Equal(0, first.ExitCode);
        Assert.Equal("passed", Assert.Single(EmissionsCsv.Read(first.EmissionsCsv))["status"]);

        // Epochs ten times longer: after epoch 1 the forecast is about 10× the baseline's median, beyond 1.05 × 2.
        var second = SampleExperimentsProcess.Run(arguments, new Dictionary<string, string> { ["SAMPLE_EPOCH_MS"] = "200" });

        Assert.Equal(2, second.ExitCode);
        var row = Assert.Single(EmissionsCsv.Read(second.EmissionsCsv));
        Assert.Equal("aborted_predicted_over_baseline", row["status"]);
        Assert.Contains("is forecast at", row["message"], StringComparison.Ordinal);
        Assert.Contains("× the baseline's median of", row["message"], StringComparison.Ordinal);
        Assert.Contains(baseline, row["message"], StringComparison.Ordinal);
        Assert.Contains("the abort saved about", row["message"], StringComparison.Ordinal);
        Assert.Equal(string.Empty, row["gate"]); // an aborted trial is never judged by the gate
        using var line = JsonDocument.Parse(File.ReadLines(Path.Combine(second.ResultsDirectory, "experiments.jsonl")).Single());
        Assert.InRange(line.RootElement.GetProperty("history").GetArrayLength(), 1, 4); // stopped before half of the 10 epochs
        Assert.True(line.RootElement.GetProperty("forecasts")[0].GetProperty("energy_so_far_joules").GetDouble() > 0);
    }
}

