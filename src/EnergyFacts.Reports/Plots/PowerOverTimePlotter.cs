using EnergyFacts.Reports.Input;
using EnergyFacts.Results;
using ScottPlot;

namespace EnergyFacts.Reports.Plots;

/// <summary>
/// Power over time per experiment, from each trial's power trace file (<c>power_trace</c>): the mean power of all
/// components in each interval, drawn at its middle, one colour per experiment. The line says where the power came from:
/// solid with circles measured, dashed with triangles estimated, dotted with squares replayed.
/// </summary>
internal sealed class PowerOverTimePlotter : IReportPlotter
{
    // Markers along a line, at most: enough to tell the shape, few enough not to hide the steps.
    private const int MarkersPerLine = 12;

    /// <inheritdoc/>
    public string Title => "Power over time";

    /// <summary>The line pattern of a provenance: solid measured, dashed estimated, dotted replayed.</summary>
    public static LinePattern Pattern(EnergyProvenance provenance) => provenance switch
    {
        EnergyProvenance.Measured => LinePattern.Solid,
        EnergyProvenance.Estimated => LinePattern.Dashed,
        EnergyProvenance.Replayed => LinePattern.Dotted,
        _ => LinePattern.DenselyDashed,
    };

    /// <inheritdoc/>
    public ReportPlot? Draw(IReadOnlyList<ReportedExperiment> experiments, out string reason)
    {
        ArgumentNullException.ThrowIfNull(experiments);
        // One trial per experiment (its last), those with a trace.
        var withTrace = experiments
            .Where(e => e.Text("power_trace").Length > 0)
            .GroupBy(e => (e.Text("run_id"), e.Text("experiment_id")))
            .Select(g => g.OrderBy(e => e.Number("trial") ?? 0).Last())
            .ToList();
        var traced = new List<(ReportedExperiment Experiment, IReadOnlyList<TracePoint> Points)>();
        var unreadable = new List<string>();
        foreach (var experiment in withTrace)
        {
            if (traced.Count == EpochHistory.MaximumLines)
            {
                break;
            }

            if (ReadTrace(experiment, out var problem) is { Count: > 0 } points)
            {
                traced.Add((experiment, points));
            }
            else
            {
                unreadable.Add(problem);
            }
        }

        if (traced.Count == 0)
        {
            reason = withTrace.Count == 0
                ? "no trial has a power trace (power_trace); results written before traces were kept, and imported rows, have none."
                : "no power trace could be read: " + string.Join("; ", unreadable.Take(3));
            return null;
        }

        reason = string.Empty;
        var plot = PlotStyle.NewPlot(Title, "seconds since the trial's window opened", "power, all components (W, no PUE)");
        for (var i = 0; i < traced.Count; i++)
        {
            var (experiment, points) = traced[i];
            // Each interval's mean power at its middle: lines through a thousand steps read better than the steps.
            double[] xs = [.. points.Select(p => (p.StartSeconds + p.EndSeconds) / 2)];
            double[] ys = [.. points.Select(p => p.TotalWatts)];
            var line = plot.Add.Scatter(xs, ys);
            line.Color = PlotStyle.GroupColour(i);
            line.LineWidth = 1.8f;
            line.LinePattern = Pattern(experiment.Provenance);
            line.MarkerShape = MarkerShape.None;

            // Markers at the middle of a few intervals, spread over the line.
            var step = Math.Max(1, (int)Math.Ceiling(points.Count / (double)MarkersPerLine));
            var marked = points.Where((_, k) => k % step == step / 2).ToList();
            PlotStyle.AddMarkers(
                plot,
                [.. marked.Select(p => (p.StartSeconds + p.EndSeconds) / 2)],
                [.. marked.Select(p => p.TotalWatts)],
                experiment.Provenance,
                PlotStyle.GroupColour(i),
                legend: null);
        }

        plot.Axes.SetLimitsY(0, traced.Max(t => t.Points.Max(p => p.TotalWatts)) * 1.15);
        plot.Legend.ManualItems.AddRange(EpochHistory.LineLegend([.. traced.Select(t => t.Experiment)]));
        plot.Legend.ManualItems.AddRange(EnergyProvenances.All.Intersect(traced.Select(t => t.Experiment.Provenance)).Select(p => new LegendItem
        {
            LabelText = $"{p.Label()} power",
            LinePattern = Pattern(p),
            LineColor = Colors.Gray,
            LineWidth = 2,
            MarkerShape = PlotStyle.Shape(p),
            MarkerSize = PlotStyle.MarkerPixels,
            MarkerFillColor = Colors.Gray,
            MarkerLineColor = Colors.Gray,
        }));
        plot.ShowLegend(Edge.Right);
        var caption = $"Mean power of cpu, gpu and ram together in each interval of the trial's trace, drawn at the interval's middle (hardware level, PUE not applied), for " +
            (traced.Count == withTrace.Count ? $"all {traced.Count} experiments with a trace" : $"the first {traced.Count} of {withTrace.Count} experiments with a trace") +
            ", the last trial of each. Solid line with ● measured, dashed with ▲ estimated (at least one component), dotted with ■ replayed; " +
            "the area under each line is the trial's energy." +
            (unreadable.Count > 0 ? $" {unreadable.Count} trace(s) could not be read: {string.Join("; ", unreadable.Take(3))}." : string.Empty);
        return new ReportPlot("report-power-over-time.png", Title, caption, PlotStyle.Png(plot));
    }

    // The trace beside the row's results file; a path that leaves the results folder is refused, never read.
    private static IReadOnlyList<TracePoint>? ReadTrace(ReportedExperiment experiment, out string problem)
    {
        var folder = Path.GetFullPath(Path.GetDirectoryName(experiment.FilePath) ?? ".");
        var relative = experiment.Text("power_trace");
        var path = Path.GetFullPath(Path.Combine(folder, relative));
        if (Path.IsPathRooted(relative) || !path.StartsWith(folder + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            problem = $"{experiment.FilePath}:{experiment.LineNumber}: power_trace '{relative}' is not a path inside the results folder";
            return null;
        }

        try
        {
            problem = string.Empty;
            return PowerTraceFile.Read(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ResultsFileFormatException)
        {
            problem = $"{experiment.FilePath}:{experiment.LineNumber}: {e.Message}";
            return null;
        }
    }
}
