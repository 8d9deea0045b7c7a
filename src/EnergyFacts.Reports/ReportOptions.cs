using EnergyFacts.Metrics;

namespace EnergyFacts.Reports;

/// <summary>What a report is asked for.</summary>
/// <param name="ResultsFolders">The results folders to read, in order.</param>
/// <param name="OutputFolder">Where report.html, report.md, their plots and report.xlsx go (created if needed).</param>
/// <param name="Spreadsheet">Also write report.xlsx.</param>
/// <param name="ApcWeights">α and β of the APC column and curves.</param>
internal sealed record ReportOptions(IReadOnlyList<string> ResultsFolders, string OutputFolder, bool Spreadsheet, ApcWeights ApcWeights);
