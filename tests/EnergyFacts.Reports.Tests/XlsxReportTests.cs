using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using EnergyFacts.Reports.Documents;

namespace EnergyFacts.Reports.Tests;

public sealed class XlsxReportTests
{
    [Fact]
    public void The_workbook_read_back_holds_the_results_table_and_one_history_row_per_epoch_with_numbers_as_numbers()
    {
        using var temp = new TempFolder();
        var results = SampleResults.WriteFolder(temp.Combine("results"), SampleResults.Grid);

        var run = ReportRun.Of("report", results, "--xlsx");

        Assert.True(run.ExitCode == 0, run.Error);
        using var document = SpreadsheetDocument.Open(Path.Combine(results, XlsxReport.FileName), isEditable: false);
        var workbook = document.WorkbookPart!;
        var sheets = workbook.Workbook.Sheets!.Elements<Sheet>().ToList();
        Assert.Equal([XlsxReport.ResultsSheet, XlsxReport.HistorySheet], sheets.Select(s => s.Name!.Value));

        var table = Rows(workbook, sheets[0]);
        Assert.Equal(1 + 9, table.Count);
        var header = table[0].Select(Text).ToList();
        Assert.Equal("experiment", header[0]);
        var energy = header.IndexOf("energy (J)");
        var top1 = header.IndexOf("top-1");
        var resnet = table.Single(r => Text(r[0]) == "Train [resnet20 | batch=64 | epochs=2]");
        Assert.Equal(CellValues.Number, resnet[energy].DataType!.Value);
        Assert.Equal(2850, double.Parse(resnet[energy].CellValue!.Text, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(0.9, double.Parse(resnet[top1].CellValue!.Text, System.Globalization.CultureInfo.InvariantCulture), 12);
        Assert.Equal("measured", Text(resnet[header.IndexOf("energy source")]));

        var history = Rows(workbook, sheets[1]);
        Assert.Equal(XlsxReport.HistoryHeaders, history[0].Select(Text));
        Assert.Equal(1 + 18, history.Count);
        var lastResnetEpoch = history.Single(r => Text(r[1]) == "Train [resnet20 | batch=64 | epochs=2]" && r[3].CellValue?.Text == "2");
        Assert.Equal("0.9", lastResnetEpoch[6].CellValue!.Text);
        Assert.Equal("2850", lastResnetEpoch[9].CellValue!.Text);
    }

    private static List<List<Cell>> Rows(WorkbookPart workbook, Sheet sheet) =>
        [.. ((WorksheetPart)workbook.GetPartById(sheet.Id!)).Worksheet.GetFirstChild<SheetData>()!.Elements<Row>().Select(r => r.Elements<Cell>().ToList())];

    private static string Text(Cell cell) => cell.InlineString?.Text?.Text ?? cell.CellValue?.Text ?? string.Empty;
}
