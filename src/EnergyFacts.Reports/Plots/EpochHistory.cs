using EnergyFacts.Reports.Input;
using ScottPlot;

namespace EnergyFacts.Reports.Plots;

/// <summary>Which experiments the per-epoch plots draw, and each epoch's share of a trial's energy.</summary>
internal static class EpochHistory
{
    /// <summary>At most this many trials get a line: more lines than colours read as noise.</summary>
    public const int MaximumLines = 10;

    /// <summary>The trials with at least one epoch that has <paramref name="has"/>, first <see cref="MaximumLines"/>.</summary>
    public static List<ReportedExperiment> Drawn(IReadOnlyList<ReportedExperiment> experiments, Func<EpochPoint, bool> has, out int eligible)
    {
        var all = experiments.Where(e => e.History.Any(has)).ToList();
        eligible = all.Count;
        return [.. all.Take(MaximumLines)];
    }

    /// <summary>
    /// Cumulative energy at the end of each epoch: the epochs' own measured energy when every epoch recorded it, else
    /// the trial's energy shared out by epoch duration (by samples when a duration is missing, evenly when both are).
    /// </summary>
    public static double[] CumulativeJoules(ReportedExperiment experiment)
    {
        var history = experiment.History;
        if (HasMeasuredEpochEnergy(experiment))
        {
            var measured = new double[history.Count];
            var sum = 0d;
            for (var i = 0; i < history.Count; i++)
            {
                sum += history[i].EnergyJoules!.Value;
                measured[i] = sum;
            }

            return measured;
        }

        var weights = history.All(h => h.DurationSeconds is > 0) ? history.Select(h => h.DurationSeconds!.Value).ToArray()
            : history.All(h => h.Samples > 0) ? history.Select(h => (double)h.Samples).ToArray()
            : history.Select(_ => 1d).ToArray();
        var total = weights.Sum();
        var energy = experiment.EnergyJoules ?? 0;
        var cumulative = new double[history.Count];
        var running = 0d;
        for (var i = 0; i < history.Count; i++)
        {
            running += weights[i];
            cumulative[i] = energy * running / total;
        }

        return cumulative;
    }

    /// <summary>Whether every epoch of the trial recorded its own measured energy (histories since per-epoch energy).</summary>
    public static bool HasMeasuredEpochEnergy(ReportedExperiment experiment) =>
        experiment.History.Count > 0 && experiment.History.All(h => h.EnergyJoules is not null);

    /// <summary>A legend label: the name, shortened to fit.</summary>
    public static string Label(ReportedExperiment experiment)
    {
        var name = experiment.Name;
        var trial = experiment.Text("trials") is { Length: > 0 } trials && trials != "1" ? $" · trial {experiment.Text("trial")}" : string.Empty;
        return (name.Length > 48 ? name[..47] + "…" : name) + trial;
    }

    /// <summary>One legend line per drawn trial, in its colour (the legend lists these, then the provenance shapes).</summary>
    public static IEnumerable<LegendItem> LineLegend(IReadOnlyList<ReportedExperiment> drawn) =>
        drawn.Select((e, i) => new LegendItem
        {
            LabelText = Label(e),
            LineColor = PlotStyle.GroupColour(i),
            LineWidth = 2,
            MarkerShape = MarkerShape.None,
        });

    /// <summary>The caption's note on how many trials were drawn.</summary>
    /// <summary>Draws one line per trial (colour per trial, marker per energy source) with both legends on the right.</summary>
    public static void DrawLines(Plot plot, IReadOnlyList<ReportedExperiment> drawn, Func<ReportedExperiment, (double[] Epochs, double[] Values)> points)
    {
        ArgumentNullException.ThrowIfNull(plot);
        ArgumentNullException.ThrowIfNull(drawn);
        ArgumentNullException.ThrowIfNull(points);
        for (var i = 0; i < drawn.Count; i++)
        {
            var (epochs, values) = points(drawn[i]);
            var line = plot.Add.Scatter(epochs, values);
            line.Color = PlotStyle.GroupColour(i);
            line.LineWidth = 2;
            line.MarkerShape = PlotStyle.Shape(drawn[i].Provenance);
            line.MarkerSize = PlotStyle.MarkerPixels;
        }

        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        plot.Legend.ManualItems.AddRange(LineLegend(drawn));
        plot.Legend.ManualItems.AddRange(PlotStyle.ProvenanceLegend(drawn.Select(e => e.Provenance), inColour: false));
        plot.ShowLegend(Edge.Right);
    }

    public static string Shown(int drawn, int eligible) =>
        drawn == eligible ? $"{drawn} trials with per-epoch history" : $"the first {drawn} of {eligible} trials with per-epoch history (the table lists all)";
}
