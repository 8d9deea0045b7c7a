using System.Text.Json;

namespace EnergyFacts.Tests.EndToEnd;

public sealed class ReportedMetricsEndToEndTests
{
    [Fact]
    public void A_reported_metric_appears_typed_in_jsonl_in_the_metrics_csv_column_and_in_the_summary()
    {
        var run = SampleExperimentsProcess.Run(
            ["--filter-method", "SampleExperiments.Training.Train", "--filter-trait", "model=mlp", "--energy-probes", "constant:cpu=1"]);

        Assert.Equal(0, run.ExitCode);
        using var row = JsonDocument.Parse(File.ReadLines(Path.Combine(run.ResultsDirectory, "experiments.jsonl")).Single());
        var metrics = row.RootElement.GetProperty("reported_metrics").EnumerateArray().ToList();
        Assert.Equal(2, metrics.Count);
        Assert.Equal("mIoU", metrics[0].GetProperty("name").GetString());
        Assert.Equal(0.712, metrics[0].GetProperty("value").GetDouble());
        Assert.Equal(JsonValueKind.Null, metrics[0].GetProperty("unit").ValueKind);
        Assert.Equal("%", metrics[1].GetProperty("unit").GetString());
        Assert.False(metrics[1].GetProperty("higher_is_better").GetBoolean());

        var csv = File.ReadAllLines(run.EmissionsCsv);
        var column = Array.IndexOf(csv[0].Split(','), "metrics");
        Assert.True(column > 0);
        Assert.Contains("mIoU=0.712;error_rate=3.5", csv[1], StringComparison.Ordinal);

        Assert.Contains("mIoU=0.712;error_rate=3.5", File.ReadAllText(Path.Combine(run.ResultsDirectory, "summary.md")), StringComparison.Ordinal);
    }
}
