using EnergyFacts.Reports.Documents;
using EnergyFacts.Reports.Input;
using EnergyFacts.Reports.Plots;

namespace EnergyFacts.Reports;

/// <summary>Everything a report shows, computed once and rendered by each document.</summary>
/// <param name="Input">The experiments and the problems met reading them.</param>
/// <param name="Table">The results table's columns.</param>
/// <param name="Plots">The plots drawn.</param>
/// <param name="Missing">The plots that could not be drawn, and why.</param>
/// <param name="GeneratedAt">When the report was made (shown in its heading).</param>
internal sealed record ReportContent(ReportInput Input, ReportTable Table, IReadOnlyList<ReportPlot> Plots, IReadOnlyList<MissingPlot> Missing, DateTimeOffset GeneratedAt);
