using System.Globalization;
using EnergyFacts.Metrics;
using EnergyFacts.Reports.Input;
using ScottPlot;

namespace EnergyFacts.Reports.Plots;

/// <summary>
/// Jurj et al.'s APC (arXiv:2002.11770) against consumption, drawn as in the paper's figures: one curve
/// <c>APC_α,β(c, a)</c> per accuracy a over the consumption c, with each trial placed at its own (c, APC). The
/// consumption is the trial's energy with PUE in Wh per run (APC is not scale-invariant, so the unit is in the title).
/// </summary>
internal sealed class ApcCurvesPlotter(ApcWeights weights) : IReportPlotter
{
    /// <summary>The accuracies of the drawn curves.</summary>
    public static IReadOnlyList<double> CurveAccuracies { get; } = [0.6, 0.7, 0.8, 0.9, 1.0];

    private const int CurvePoints = 120;

    /// <inheritdoc/>
    public string Title => string.Create(CultureInfo.InvariantCulture, $"APC against consumption (α = {weights.Alpha:G4}, β = {weights.Beta:G4}, consumption in Wh per run)");

    /// <inheritdoc/>
    public ReportPlot? Draw(IReadOnlyList<ReportedExperiment> experiments, out string reason)
    {
        var plotted = experiments.Where(e => e.EnergyWattHours is not null && e.Top1 is not null).ToList();
        if (plotted.Count == 0)
        {
            reason = "no experiment has both an energy and a top-1 accuracy (eval_top1).";
            return null;
        }

        reason = string.Empty;
        var plot = PlotStyle.NewPlot(Title, "consumption c: energy with PUE (Wh per run)", "APC");
        var largest = plotted.Max(e => e.EnergyWattHours!.Value);
        var right = largest > 0 ? largest * 1.25 : 1;
        var xs = Enumerable.Range(0, CurvePoints + 1).Select(i => right * i / CurvePoints).ToArray();
        for (var i = 0; i < CurveAccuracies.Count; i++)
        {
            var accuracy = CurveAccuracies[i];
            var curve = plot.Add.ScatterLine(xs, xs.Select(c => Apc(c, accuracy)).ToArray());
            curve.LineWidth = 1.5f;
            curve.LineColor = Colors.Gray.WithAlpha(0.35 + (0.13 * i));
            curve.LinePattern = LinePattern.Solid;
            // Labelled where the curves are furthest apart: at c = 0 each starts at its accuracy.
            var label = plot.Add.Text(string.Create(CultureInfo.InvariantCulture, $"a = {accuracy:0.0#}"), right * 0.01, accuracy);
            label.LabelFontSize = 12;
            label.LabelFontColor = Colors.DimGray;
            label.LabelAlignment = Alignment.LowerLeft;
        }

        foreach (var group in plotted.GroupBy(e => e.Provenance).OrderBy(g => g.Key))
        {
            PlotStyle.AddMarkers(plot, [.. group.Select(e => e.EnergyWattHours!.Value)], [.. group.Select(e => Apc(e.EnergyWattHours!.Value, e.Top1!.Value))],
                group.Key, PlotStyle.Colour(group.Key), $"{group.Key.Label()} energy ({group.Count()})");
        }

        plot.Axes.SetLimitsX(0, right);
        plot.ShowLegend(Alignment.UpperRight);
        var caption = string.Create(CultureInfo.InvariantCulture,
            $"APC = a / (β·c·((1−α)(1−a)+α) + 1) with α = {weights.Alpha:G4}, β = {weights.Beta:G4} (Jurj et al., arXiv:2002.11770). Grey curves: APC for accuracies ") +
            string.Join(", ", CurveAccuracies.Select(a => a.ToString("0.0#", CultureInfo.InvariantCulture))) +
            $" as consumption grows; markers: {plotted.Count} trials at their own energy and top-1. A larger β weighs energy more (choose it with --apc-beta).";
        return new ReportPlot("report-apc.png", Title, caption, PlotStyle.Png(plot));
    }

    private double Apc(double wattHours, double accuracy) =>
        AccuracyPerConsumption.Apc(new Consumption(wattHours, ConsumptionUnit.WattHoursPerRun), accuracy, weights).Value;
}
