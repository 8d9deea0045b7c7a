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
        EpochHistory.DrawLines(plot, drawn, experiment =>
        {
            var epochs = experiment.History.Where(h => h.EvalTop1 is not null).ToList();
            return ([.. epochs.Select(h => (double)h.Epoch)], [.. epochs.Select(h => h.EvalTop1!.Value)]);
        });
        var caption = $"Top-1 at the end of each epoch for {EpochHistory.Shown(drawn.Count, eligible)}. Colour is the trial, marker shape where its energy came from.";
        return new ReportPlot("report-epoch-accuracy.png", Title, caption, PlotStyle.Png(plot));
    }
}
