using EnergyFacts.Reports.Input;
using ScottPlot;

namespace EnergyFacts.Reports.Plots;

/// <summary>Top-1 accuracy against energy, one marker per trial in its provenance's shape and colour, the Pareto front drawn through.</summary>
internal sealed class AccuracyEnergyPlotter : IReportPlotter
{
    /// <inheritdoc/>
    public string Title => "Accuracy against energy";

    /// <inheritdoc/>
    public ReportPlot? Draw(IReadOnlyList<ReportedExperiment> experiments, out string reason)
    {
        var plotted = experiments.Where(e => e.EnergyJoules is not null && e.Top1 is not null).ToList();
        if (plotted.Count == 0)
        {
            reason = "no experiment has both an energy and a top-1 accuracy (eval_top1).";
            return null;
        }

        reason = string.Empty;
        var scale = EnergyScale.For(plotted.Max(e => e.EnergyJoules!.Value));
        var plot = PlotStyle.NewPlot(Title, $"energy with PUE ({scale.Symbol})", "top-1 accuracy (last epoch)");
        var front = ParetoFront.Of(plotted, e => e.EnergyJoules, e => e.Top1);
        var line = plot.Add.ScatterLine(front.Select(e => scale.Of(e.EnergyJoules!.Value)).ToArray(), front.Select(e => e.Top1!.Value).ToArray());
        line.LineWidth = 2;
        line.LinePattern = LinePattern.Dashed;
        line.LineColor = Colors.Black.WithAlpha(0.7);
        line.LegendText = "Pareto front (nothing both cheaper and more accurate)";
        var ring = plot.Add.ScatterPoints(front.Select(e => scale.Of(e.EnergyJoules!.Value)).ToArray(), front.Select(e => e.Top1!.Value).ToArray());
        ring.MarkerShape = MarkerShape.OpenCircle;
        ring.MarkerSize = PlotStyle.MarkerPixels * 2;
        ring.MarkerLineColor = Colors.Black;
        ring.MarkerLineWidth = 1.5f;
        foreach (var group in plotted.GroupBy(e => e.Provenance).OrderBy(g => g.Key))
        {
            PlotStyle.AddMarkers(plot, [.. group.Select(e => scale.Of(e.EnergyJoules!.Value))], [.. group.Select(e => e.Top1!.Value)],
                group.Key, PlotStyle.Colour(group.Key), $"{group.Key.Label()} energy ({group.Count()})");
        }

        plot.ShowLegend(Alignment.LowerRight);
        var caption = $"{plotted.Count} of {experiments.Count} trials (those with an energy and a top-1). Up and to the left is better. " +
            $"The dashed line joins the {front.Count} Pareto-optimal trials (ringed): for each, no other trial spends less energy and reaches a higher top-1. " +
            "Marker shape and colour say where the energy came from.";
        return new ReportPlot("report-accuracy-energy.png", Title, caption, PlotStyle.Png(plot));
    }
}
