using EnergyFacts.Reports.Input;

namespace EnergyFacts.Reports.Plots;

/// <summary>Draws one kind of plot from a report's experiments.</summary>
internal interface IReportPlotter
{
    /// <summary>The plot's heading, also when it cannot be drawn.</summary>
    string Title { get; }

    /// <summary>The plot, or <see langword="null"/> with <paramref name="reason"/> when the experiments lack what it shows.</summary>
    ReportPlot? Draw(IReadOnlyList<ReportedExperiment> experiments, out string reason);
}
