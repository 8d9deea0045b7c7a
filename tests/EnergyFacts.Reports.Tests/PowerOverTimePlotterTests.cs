using EnergyFacts.Reports.Input;
using EnergyFacts.Reports.Plots;
using EnergyFacts.Results.Jsonl;

namespace EnergyFacts.Reports.Tests;

/// <summary>The power-over-time plot: drawn from the trace files the rows name, never from outside the results folder.</summary>
public sealed class PowerOverTimePlotterTests
{
    private static IReadOnlyList<ReportedExperiment> Read(string folder) => ResultsFolderReader.Read([folder]).Experiments;

    [Fact]
    public void Each_experiments_trace_is_drawn_and_the_caption_tells_the_line_styles_apart()
    {
        using var temp = new TempFolder();
        var results = SampleResults.WriteFolder(temp.Combine("results"), SampleResults.Grid);

        var plot = new PowerOverTimePlotter().Draw(Read(results), out var reason);

        Assert.NotNull(plot);
        Assert.Equal(string.Empty, reason);
        Assert.Equal("report-power-over-time.png", plot.FileName);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], plot.Png.Take(4));
        Assert.Contains("all 9 experiments with a trace", plot.Caption, StringComparison.Ordinal);
        Assert.Contains("Solid line with ● measured, dashed with ▲ estimated", plot.Caption, StringComparison.Ordinal);
        Assert.Equal(ScottPlot.LinePattern.Solid, PowerOverTimePlotter.Pattern(EnergyProvenance.Measured));
        Assert.Equal(ScottPlot.LinePattern.Dashed, PowerOverTimePlotter.Pattern(EnergyProvenance.Estimated));
        Assert.Equal(ScottPlot.LinePattern.Dotted, PowerOverTimePlotter.Pattern(EnergyProvenance.Replayed));
    }

    [Fact]
    public void Rows_without_traces_give_a_reason_and_a_trace_path_leaving_the_folder_is_never_read()
    {
        using var temp = new TempFolder();
        var trials = SampleResults.Grid.Take(2).ToList();
        var lines = SampleResults.JsonLines(trials);
        var noTraces = SampleResults.WriteFolder(temp.Combine("none"), trials, [.. lines.Select(l => SampleResults.WithColumn(l, "power_trace", null))]);
        Directory.Delete(Path.Combine(noTraces, "traces"), recursive: true);
        File.WriteAllText(temp.Combine("secret.csv"), "start_seconds,end_seconds,cpu_watts,gpu_watts,ram_watts,source\n0,1,1,0,0,cpu=measured\n");
        var escaping = SampleResults.WriteFolder(temp.Combine("escaping"), trials, [.. lines.Select(l => SampleResults.WithColumn(l, "power_trace", "../secret.csv"))]);

        Assert.Null(new PowerOverTimePlotter().Draw(Read(noTraces), out var none));
        Assert.Contains("no trial has a power trace", none, StringComparison.Ordinal);
        Assert.Null(new PowerOverTimePlotter().Draw(Read(escaping), out var refused));
        Assert.Contains($"{Path.Combine(escaping, ExperimentsJsonl.FileName)}:1: power_trace '../secret.csv' is not a path inside the results folder", refused, StringComparison.Ordinal);
    }
}
