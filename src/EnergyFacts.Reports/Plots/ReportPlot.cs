namespace EnergyFacts.Reports.Plots;

/// <summary>One drawn plot of a report.</summary>
/// <param name="FileName">The PNG's file name beside report.md, e.g. <c>report-accuracy-energy.png</c>.</param>
/// <param name="Title">Its heading.</param>
/// <param name="Caption">How to read it: what each axis, marker and line is.</param>
/// <param name="Png">The image, a PNG.</param>
internal sealed record ReportPlot(string FileName, string Title, string Caption, byte[] Png);

/// <summary>A plot the report could not draw, and why (e.g. no experiment reported per-epoch history).</summary>
/// <param name="Title">The plot's heading.</param>
/// <param name="Reason">Why it is missing.</param>
internal sealed record MissingPlot(string Title, string Reason);
