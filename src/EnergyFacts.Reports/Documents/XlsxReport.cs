using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using EnergyFacts.Reports.Input;

namespace EnergyFacts.Reports.Documents;

/// <summary>
/// <c>report.xlsx</c>: a <c>results</c> sheet with the report's table (numbers as number cells, missing values as
/// empty cells) and a <c>history</c> sheet with one row per epoch, written with DocumentFormat.OpenXml.
/// </summary>
internal static class XlsxReport
{
    /// <summary>The file name.</summary>
    public const string FileName = "report.xlsx";

    /// <summary>Name of the results sheet.</summary>
    public const string ResultsSheet = "results";

    /// <summary>Name of the per-epoch sheet.</summary>
    public const string HistorySheet = "history";

    /// <summary>Headers of the history sheet.</summary>
    public static IReadOnlyList<string> HistoryHeaders { get; } =
        ["trial #", "experiment", "trial", "epoch", "train_loss", "eval_loss", "eval_top1", "samples", "duration (s)", "cumulative energy, apportioned (J)", "from"];

    /// <summary>Writes the workbook to <paramref name="path"/>.</summary>
    public static void Write(string path, ReportContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        using var document = SpreadsheetDocument.Create(path, SpreadsheetDocumentType.Workbook);
        var workbook = document.AddWorkbookPart();
        workbook.Workbook = new Workbook(new Sheets());
        AddStyles(workbook);
        var columns = content.Table.Columns;
        AddSheet(workbook, 1, ResultsSheet, [.. columns.Select(c => c.Header)],
            content.Input.Experiments.Select((e, i) => (IReadOnlyList<object?>)[.. columns.Select(c => c.Value(e))]));
        AddSheet(workbook, 2, HistorySheet, HistoryHeaders, content.Input.Experiments.SelectMany((e, i) => HistoryRows(e, i + 1)));
        workbook.Workbook.Save();
    }

    private static IEnumerable<IReadOnlyList<object?>> HistoryRows(ReportedExperiment experiment, int index)
    {
        var cumulative = Plots.EpochHistory.CumulativeJoules(experiment);
        for (var i = 0; i < experiment.History.Count; i++)
        {
            var epoch = experiment.History[i];
            yield return
            [
                (double)index, experiment.Name, experiment.Number("trial"), (double)epoch.Epoch, epoch.TrainLoss, epoch.EvalLoss, epoch.EvalTop1,
                (double)epoch.Samples, epoch.DurationSeconds, experiment.EnergyJoules is null ? null : cumulative[i],
                string.Create(CultureInfo.InvariantCulture, $"{experiment.FilePath}:{experiment.LineNumber}"),
            ];
        }
    }

    private static void AddSheet(WorkbookPart workbook, uint id, string name, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<object?>> rows)
    {
        var part = workbook.AddNewPart<WorksheetPart>();
        var data = new SheetData();
        var header = new Row { RowIndex = 1 };
        foreach (var text in headers)
        {
            header.Append(new Cell { DataType = CellValues.InlineString, InlineString = new InlineString(new Text(text)), StyleIndex = 1 });
        }

        data.Append(header);
        uint rowIndex = 1;
        foreach (var values in rows)
        {
            var row = new Row { RowIndex = ++rowIndex };
            foreach (var value in values)
            {
                row.Append(value switch
                {
                    double number when double.IsFinite(number) => new Cell { DataType = CellValues.Number, CellValue = new CellValue(number) },
                    long number => new Cell { DataType = CellValues.Number, CellValue = new CellValue(number.ToString(CultureInfo.InvariantCulture)) },
                    string { Length: > 0 } text => new Cell { DataType = CellValues.InlineString, InlineString = new InlineString(new Text(text)) },
                    _ => new Cell(),
                });
            }

            data.Append(row);
        }

        // The header row stays in view while scrolling.
        var view = new SheetViews(new SheetView(new Pane { VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen })
        {
            WorkbookViewId = 0,
        });
        part.Worksheet = new Worksheet(view, data);
        workbook.Workbook.Sheets!.Append(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = id, Name = name });
    }

    // Style 0 is the default; style 1 is the bold header.
    private static void AddStyles(WorkbookPart workbook)
    {
        var styles = workbook.AddNewPart<WorkbookStylesPart>();
        styles.Stylesheet = new Stylesheet(
            new Fonts(new Font(), new Font(new Bold())),
            new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })),
            new Borders(new Border()),
            new CellFormats(new CellFormat(), new CellFormat { FontId = 1, ApplyFont = true }));
    }
}
