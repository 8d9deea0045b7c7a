using EnergyFacts.Reports.Input;
using ScottPlot;

namespace EnergyFacts.Reports.Plots;

/// <summary>Top-1 accuracy per epoch, one line per trial, markers shaped by provenance.</summary>
internal sealed class EpochAccuracyPlotter : IReportPlotter
{
    /// <inheritdoc/>
    public string Title => "Accuracy per epoch";

    /// <inheritdoc/>
    public ReportPlot? Draw(IReadOnlyList<ReportedExperiment> experiments, out string reason)
    {
        var drawn = EpochHistory.Drawn(experiments, h => h.EvalTop1 is not null, out var eligible);
        if (drawn.Count == 0)
        {
            reason = "no experiment reported a per-epoch top-1 (ReportEpoch(..., evalTop1: …)); imported and emissions.csv rows have no history.";
            return null;
        }

        reason = string.Empty;
        var plot = PlotStyle.NewPlot(Title, "epoch", "top-1 accuracy");
        for (var i = 0; i < drawn.Count; i++)
        {
            var epochs = drawn[i].History.Where(h => h.EvalTop1 is not null).ToList();
            var line = plot.Add.Scatter(epochs.Select(h => (double)h.Epoch).ToArray(), epochs.Select(h => h.EvalTop1!.Value).ToArray());
            line.Color = PlotStyle.GroupColour(i);
            line.LineWidth = 2;
            line.MarkerShape = PlotStyle.Shape(drawn[i].Provenance);
            line.MarkerSize = PlotStyle.MarkerPixels;
        }

        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        plot.Legend.ManualItems.AddRange(EpochHistory.LineLegend(drawn));
        plot.Legend.ManualItems.AddRange(PlotStyle.ProvenanceLegend(drawn.Select(e => e.Provenance), inColour: false));
        plot.ShowLegend(Edge.Right);
        var caption = $"Top-1 at the end of each epoch for {EpochHistory.Shown(drawn.Count, eligible)}. Colour is the trial, marker shape where its energy came from.";
        return new ReportPlot("report-epoch-accuracy.png", Title, caption, PlotStyle.Png(plot));
    }
}
