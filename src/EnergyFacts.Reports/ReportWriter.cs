using EnergyFacts.Reports.Documents;
using EnergyFacts.Reports.Input;
using EnergyFacts.Reports.Plots;

namespace EnergyFacts.Reports;

/// <summary>
/// Makes a report: reads the results folders, draws the plots and writes <c>report.html</c>, <c>report.md</c> with
/// its PNGs and, when asked, <c>report.xlsx</c> into the output folder. Nothing but those report files is written,
/// each through a temporary file and a rename, and a report.html or report.md that EnergyFacts did not write is
/// never overwritten.
/// </summary>
internal static class ReportWriter
{
    /// <summary>The plots, in report order.</summary>
    public static IReadOnlyList<IReportPlotter> Plotters(ReportOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return [new AccuracyEnergyPlotter(), new EnergyDurationPlotter(), new EpochAccuracyPlotter(), new EpochEnergyPlotter(), new PowerOverTimePlotter(), new ApcCurvesPlotter(options.ApcWeights)];
    }

    /// <summary>Reads, draws and writes.</summary>
    /// <returns>What was written and the problems met; nothing is written when no folder held a readable row.</returns>
    /// <exception cref="ReportOverwriteException">The output folder holds a report.html or report.md that EnergyFacts did not write, or cannot be written.</exception>
    public static ReportOutcome Write(ReportOptions options, DateTimeOffset generatedAt)
    {
        ArgumentNullException.ThrowIfNull(options);
        var input = ResultsFolderReader.Read(options.ResultsFolders);
        if (input.Experiments.Count == 0)
        {
            return new ReportOutcome(input, []);
        }

        var folder = Path.GetFullPath(options.OutputFolder);
        var htmlPath = Path.Combine(folder, HtmlReport.FileName);
        var markdownPath = Path.Combine(folder, MarkdownReport.FileName);
        RefuseForeign(htmlPath, HtmlReport.Marker);
        RefuseForeign(markdownPath, MarkdownReport.Marker);

        var plots = new List<ReportPlot>();
        var missing = new List<MissingPlot>();
        foreach (var plotter in Plotters(options))
        {
            if (plotter.Draw(input.Experiments, out var reason) is { } plot)
            {
                plots.Add(plot);
            }
            else
            {
                missing.Add(new MissingPlot(plotter.Title, reason));
            }
        }

        var content = new ReportContent(input, ReportTable.For(options.ApcWeights), plots, missing, generatedAt);
        var written = new List<string>();
        try
        {
            Directory.CreateDirectory(folder);
            foreach (var plot in plots)
            {
                written.Add(Replace(Path.Combine(folder, plot.FileName), temporary => File.WriteAllBytes(temporary, plot.Png)));
            }

            written.Add(Replace(markdownPath, temporary => File.WriteAllText(temporary, MarkdownReport.Render(content))));
            written.Add(Replace(htmlPath, temporary => File.WriteAllText(temporary, HtmlReport.Render(content))));
            if (options.Spreadsheet)
            {
                written.Add(Replace(Path.Combine(folder, XlsxReport.FileName), temporary => XlsxReport.Write(temporary, content)));
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ReportOverwriteException($"Could not write the report into '{folder}': {e.Message} Choose a writable folder with --out.", e);
        }

        return new ReportOutcome(input, written);
    }

    private static void RefuseForeign(string path, string marker)
    {
        if (!File.Exists(path))
        {
            return;
        }

        using var reader = new StreamReader(path);
        var head = new char[4096];
        var read = reader.ReadBlock(head, 0, head.Length);
        if (!new string(head, 0, read).Contains(marker, StringComparison.Ordinal))
        {
            throw new ReportOverwriteException(
                $"'{path}' was not written by energyfacts report (it lacks the line {marker}), so it is not overwritten; move it away or choose another folder with --out.");
        }
    }

    // A reader never sees half a report: the file is written beside its place and renamed over it.
    private static string Replace(string path, Action<string> write)
    {
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            write(temporary);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }

        return path;
    }
}

/// <summary>What a report wrote, and the problems met reading its input.</summary>
/// <param name="Input">The experiments and problems.</param>
/// <param name="FilesWritten">Full paths of the files written; empty when there was nothing to report.</param>
internal sealed record ReportOutcome(ReportInput Input, IReadOnlyList<string> FilesWritten);
