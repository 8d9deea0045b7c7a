using System.Globalization;
using EnergyFacts.Reports.Input;
using ScottPlot;

namespace EnergyFacts.Reports.Plots;

/// <summary>Energy against duration (the run's latency), coloured by batch size, shaped by provenance.</summary>
internal sealed class EnergyDurationPlotter : IReportPlotter
{
    /// <inheritdoc/>
    public string Title => "Energy against duration, by batch size";

    /// <inheritdoc/>
    public ReportPlot? Draw(IReadOnlyList<ReportedExperiment> experiments, out string reason)
    {
        var plotted = experiments.Where(e => e.EnergyJoules is not null && e.DurationSeconds is not null).ToList();
        if (plotted.Count == 0)
        {
            reason = "no experiment has both an energy and a duration.";
            return null;
        }

        reason = string.Empty;
        var scale = EnergyScale.For(plotted.Max(e => e.EnergyJoules!.Value));
        var plot = PlotStyle.NewPlot(Title, "duration of the measured window (s)", $"energy with PUE ({scale.Symbol})");
        var batches = plotted.Select(e => e.BatchSize).Distinct().OrderBy(b => b ?? int.MaxValue).ToList();
        var legend = new List<LegendItem>();
        for (var i = 0; i < batches.Count; i++)
        {
            var colour = PlotStyle.GroupColour(i);
            var batch = plotted.Where(e => e.BatchSize == batches[i]).ToList();
            foreach (var group in batch.GroupBy(e => e.Provenance))
            {
                PlotStyle.AddMarkers(plot, [.. group.Select(e => e.DurationSeconds!.Value)], [.. group.Select(e => scale.Of(e.EnergyJoules!.Value))], group.Key, colour, legend: null);
            }

            legend.Add(new LegendItem
            {
                LabelText = batches[i] is { } size ? string.Create(CultureInfo.InvariantCulture, $"batch {size} ({batch.Count})") : $"batch not recorded ({batch.Count})",
                MarkerShape = MarkerShape.FilledCircle,
                MarkerSize = PlotStyle.MarkerPixels,
                MarkerFillColor = colour,
                MarkerLineColor = colour,
                LineWidth = 0,
            });
        }

        legend.AddRange(PlotStyle.ProvenanceLegend(plotted.Select(e => e.Provenance), inColour: false));
        plot.ShowLegend(legend, Alignment.UpperLeft);
        var caption = $"{plotted.Count} of {experiments.Count} trials. Colour is the batch size, marker shape where the energy came from " +
            "(● measured, ▲ estimated, ■ replayed, ◆ imported). Down and to the left is cheaper and faster.";
        return new ReportPlot("report-energy-duration.png", Title, caption, PlotStyle.Png(plot));
    }
}
