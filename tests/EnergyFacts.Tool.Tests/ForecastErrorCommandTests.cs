using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using EnergyFacts.Accounting;

namespace EnergyFacts.Tool.Tests;

public sealed class ForecastErrorCommandTests : IDisposable
{
    private readonly TempFolder root = new();

    public void Dispose() => root.Dispose();

    // Ten epochs: the first costs 30 J (warm-up), each later one 10 J, so the run spends 120 J and the first-epoch-apart
    // model is exact from epoch 2 on, while the linear model overshoots: after epoch 1 by 150 %, after 3 by 38.9 %, after 5 by 16.7 %.
    private static readonly double[] Spent = [30, 40, 50, 60, 70, 80, 90, 100, 110, 120];

    // A row as the framework writes it: forecasts after every epoch, with or without energy_so_far_joules (older rows).
    private static string Row(string model, int trial, double[] spent, double actual, bool withSpentSoFar = true, string status = "passed")
    {
        var row = ResultsFolders.Trial(model, 64, 0.9, actual, 60, trial: trial, epochs: spent.Length, status: status);
        var line = JsonNode.Parse(ResultsFolders.JsonLine(row))!.AsObject();
        var forecasts = new JsonArray();
        for (var done = 1; done <= spent.Length; done++)
        {
            var forecast = EnergyForecast.Predict([.. spent.Take(done).Select(j => new Joules(j))], spent.Length);
            var entry = new JsonObject
            {
                ["after_epoch"] = forecast.AfterEpoch,
                ["epochs"] = forecast.Epochs,
                ["model"] = forecast.Model == ForecastModel.LinearPerEpoch ? "linear_per_epoch" : "first_epoch_apart",
                ["predicted_energy_joules"] = forecast.PredictedTotal.Value,
            };
            if (withSpentSoFar)
            {
                entry["energy_so_far_joules"] = forecast.SpentSoFar!.Value.Value;
            }

            forecasts.Add(entry);
        }

        line["forecasts"] = forecasts;
        return line.ToJsonString();
    }

    private string Folder(string name, params string[] lines)
    {
        var folder = Path.Combine(root.Path, name);
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "experiments.jsonl"), string.Concat(lines.Select(l => l + "\n")));
        return folder;
    }

    private static JsonElement Cell(JsonElement errors, string model, double fraction) =>
        errors.EnumerateArray().Single(c => c.GetProperty("model").GetString() == model && c.GetProperty("fraction").GetDouble() == fraction);

    [Fact]
    public void Measures_both_models_after_10_25_and_50_percent_of_the_epochs_per_case_and_overall()
    {
        var folder = Folder("ten", Row("resnet20", 1, Spent, 120), Row("resnet20", 2, Spent, 120, withSpentSoFar: false));

        var run = ToolRun.Of("forecast-error", folder, "--json");

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);
        Assert.Equal(2, json.RootElement.GetProperty("trials").GetInt32());
        var overall = json.RootElement.GetProperty("overall");
        var linear10 = Cell(overall, "linear_per_epoch", 0.1);
        Assert.Equal(1, linear10.GetProperty("after_epochs")[0].GetInt32());
        Assert.Equal(1.5, linear10.GetProperty("mean_relative_error").GetDouble(), 9);
        Assert.Equal(2, linear10.GetProperty("n").GetInt32());
        Assert.Equal(3, Cell(overall, "linear_per_epoch", 0.25).GetProperty("after_epochs")[0].GetInt32());
        Assert.Equal((50.0 / 3 * 10 - 120) / 120, Cell(overall, "linear_per_epoch", 0.25).GetProperty("max_relative_error").GetDouble(), 9);
        Assert.Equal(20.0 / 120, Cell(overall, "linear_per_epoch", 0.5).GetProperty("median_relative_error").GetDouble(), 9);
        Assert.Equal(JsonValueKind.Null, Cell(overall, "first_epoch_apart", 0.1).GetProperty("mean_relative_error").ValueKind); // needs two epochs
        Assert.Equal(0, Cell(overall, "first_epoch_apart", 0.1).GetProperty("n").GetInt32());
        Assert.Equal(0, Cell(overall, "first_epoch_apart", 0.25).GetProperty("max_relative_error").GetDouble(), 9);
        Assert.Equal(0, Cell(overall, "first_epoch_apart", 0.5).GetProperty("max_relative_error").GetDouble(), 9);
        var single = Assert.Single(json.RootElement.GetProperty("cases").EnumerateArray());
        Assert.Equal(2, single.GetProperty("trials").GetInt32());
    }

    [Fact]
    public void The_table_names_each_case_model_and_epoch_and_lists_the_rows_it_skipped()
    {
        var folder = Folder(
            "mixed",
            Row("resnet20", 1, Spent, 120),
            Row("lenet", 1, [10, 20], 19), // two epochs: every share is after epoch 1
            Row("mlp", 1, [40, 50, 60, 70], 70, status: "aborted_predicted_over_budget"),
            Row("one", 1, [5], 5));

        var run = ToolRun.Of("forecast-error", folder);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("| Train [resnet20 \\| batch=64 \\| epochs=10 \\| dataset=fashion-mnist] | 10 | 1 | linear_per_epoch | 150.0 % (e1) | 38.9 % (e3) | 16.7 % (e5) |", run.Output, StringComparison.Ordinal);
        Assert.Contains("| first_epoch_apart | — | 0.0 % (e3) | 0.0 % (e5) |", run.Output, StringComparison.Ordinal);
        Assert.Contains("| linear_per_epoch | 5.3 % (e1) | 5.3 % (e1) | 5.3 % (e1) |", run.Output, StringComparison.Ordinal); // lenet: 20 J forecast, 19 J actual
        Assert.Contains("2 rows skipped", run.Output, StringComparison.Ordinal);
        Assert.Contains("status aborted_predicted_over_budget", run.Output, StringComparison.Ordinal);
        Assert.Contains("fewer than 2 epochs", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Reads_a_real_default_suite_run_whose_rows_predate_energy_so_far()
    {
        var fixture = Path.Combine(AppContext.BaseDirectory, "Fixtures", "forecast-error", "experiments.jsonl");
        var rows = File.ReadLines(fixture).Select(l => JsonNode.Parse(l)!).ToList();

        var run = ToolRun.Of("forecast-error", fixture, "--json");

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);
        var cases = json.RootElement.GetProperty("cases").EnumerateArray().ToList();
        Assert.Equal(2, cases.Count);
        foreach (var (row, result) in rows.Zip(cases))
        {
            // Two epochs: the one forecast before the end is the linear one after epoch 1.
            var predicted = row["forecasts"]![0]!["predicted_energy_joules"]!.GetValue<double>();
            var actual = row["energy_joules"]!.GetValue<double>();
            Assert.Equal(Math.Abs(predicted - actual) / actual, Cell(result.GetProperty("errors"), "linear_per_epoch", 0.5).GetProperty("mean_relative_error").GetDouble(), 9);
        }
    }

    [Fact]
    public void A_missing_folder_or_one_without_forecasts_exits_2_saying_why()
    {
        var missing = ToolRun.Of("forecast-error", Path.Combine(root.Path, "nowhere"));
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("does not exist", missing.Error, StringComparison.Ordinal);

        var none = ToolRun.Of("forecast-error", Folder("short", Row("one", 1, [5], 5)));
        Assert.Equal(2, none.ExitCode);
        Assert.Contains("No trial with per-epoch forecasts", none.Error, StringComparison.Ordinal);
        Assert.Contains("fewer than 2 epochs", none.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_damaged_line_is_reported_with_file_and_line_exit_2_and_the_readable_trials_still_measured()
    {
        var folder = Folder("damaged", Row("resnet20", 1, Spent, 120), "{not json");

        var run = ToolRun.Of("forecast-error", folder);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("experiments.jsonl:2", run.Error, StringComparison.Ordinal);
        Assert.Contains("150.0 % (e1)", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_states_the_exit_codes()
    {
        var run = ToolRun.Of("forecast-error", "--help");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Exit codes: 0 measured, 2 bad input", run.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.10, 10, 1)]
    [InlineData(0.25, 10, 3)]
    [InlineData(0.50, 10, 5)]
    [InlineData(0.10, 2, 1)]
    [InlineData(0.50, 2, 1)]
    [InlineData(0.25, 4, 1)]
    [InlineData(0.50, 20, 10)]
    public void The_epoch_of_a_share_is_the_first_at_or_past_it(double fraction, int epochs, int expected) =>
        Assert.Equal(expected, ForecastTrace.EpochAt(fraction, epochs));
}
