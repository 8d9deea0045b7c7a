using EnergyFacts.Reports.Input;
using ScottPlot;

namespace EnergyFacts.Reports.Plots;

/// <summary>Cumulative energy at the end of each epoch, one line per trial: measured per epoch, or shared out by epoch duration for older histories.</summary>
internal sealed class EpochEnergyPlotter : IReportPlotter
{
    /// <inheritdoc/>
    public string Title => "Energy per epoch (cumulative)";

    /// <inheritdoc/>
    public ReportPlot? Draw(IReadOnlyList<ReportedExperiment> experiments, out string reason)
    {
        var drawn = EpochHistory.Drawn(experiments.Where(e => e.EnergyJoules is not null).ToList(), _ => true, out var eligible);
        if (drawn.Count == 0)
        {
            reason = "no experiment with an energy reported per-epoch history; imported and emissions.csv rows have none.";
            return null;
        }

        reason = string.Empty;
        var scale = EnergyScale.For(drawn.Max(e => e.EnergyJoules!.Value));
        var plot = PlotStyle.NewPlot(Title, "epoch", $"cumulative energy with PUE ({scale.Symbol})");
        EpochHistory.DrawLines(plot, drawn, experiment =>
            ([.. experiment.History.Select(h => (double)h.Epoch)], [.. EpochHistory.CumulativeJoules(experiment).Select(scale.Of)]));
        var measured = drawn.Count(EpochHistory.HasMeasuredEpochEnergy);
        var how = measured == drawn.Count
            ? "Each point sums the epochs' own energy, measured by the trial's probes at each ReportEpoch."
            : measured == 0
                ? "No history records energy per epoch (older or imported results), so each trial's total is shared out in proportion to its epochs' durations " +
                  "(samples where a duration is missing); the last point is the measured total."
                : $"{drawn.Count - measured} of these {drawn.Count} histories record no energy per epoch (older or imported results): their totals are shared out " +
                  "in proportion to the epochs' durations and their last point is the measured total; the others sum the epochs' measured energy.";
        var caption = $"Energy spent by the end of each epoch for {EpochHistory.Shown(drawn.Count, eligible)}. " + how;
        return new ReportPlot("report-epoch-energy.png", Title, caption, PlotStyle.Png(plot));
    }
}
