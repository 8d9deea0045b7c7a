using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using EnergyFacts.Reports.Documents;

namespace EnergyFacts.Reports.Tests;

public sealed class ReportCommandTests
{
    private static readonly string[] PlotFiles =
        ["report-accuracy-energy.png", "report-energy-duration.png", "report-epoch-accuracy.png", "report-epoch-energy.png", "report-power-over-time.png", "report-apc.png"];

    [Fact]
    public void A_native_folder_gives_one_self_contained_html_a_markdown_report_and_every_plot()
    {
        using var temp = new TempFolder();
        var results = SampleResults.WriteFolder(temp.Combine("results"), SampleResults.Grid);

        var run = ReportRun.Of("report", results);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal(string.Empty, run.Error);
        Assert.Contains("Report of 9 trials from 1 folders", run.Output, StringComparison.Ordinal);
        var html = File.ReadAllText(Path.Combine(results, HtmlReport.FileName));
        Assert.Equal(PlotFiles.Length, Regex.Count(html, "<img src=\"data:image/png;base64,"));
        Assert.Equal(PlotFiles.Length, Regex.Count(html, "<img "));
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch("(src|href)=\"(?!data:)", html);
        Assert.DoesNotContain("http", Regex.Replace(html, "data:image/png;base64,[A-Za-z0-9+/=]+", string.Empty), StringComparison.Ordinal);
        foreach (var provenance in new[] { "● measured 3", "▲ estimated 3", "■ replayed 3" })
        {
            Assert.Contains(provenance, html, StringComparison.Ordinal);
        }

        var markdown = File.ReadAllText(Path.Combine(results, MarkdownReport.FileName));
        Assert.StartsWith(MarkdownReport.Marker, markdown, StringComparison.Ordinal);
        foreach (var plot in PlotFiles)
        {
            Assert.Contains($"]({plot})", markdown, StringComparison.Ordinal);
            var png = File.ReadAllBytes(Path.Combine(results, plot));
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
        }

        Assert.Contains(@"| Train [resnet20 \| batch=64 \| epochs=2] | resnet20 | 64 | 2 | 1 | passed | ● measured | 2850 | 7.917E-04 | 0.04436 | 30.00 | 0.7125 | 0.9000 | 0.7823 |", markdown, StringComparison.Ordinal);
        Assert.Contains("The dashed line joins the 6 Pareto-optimal trials", markdown, StringComparison.Ordinal);
        Assert.Equal(9, Regex.Count(markdown, "^\\| Train \\[", RegexOptions.Multiline));
        Assert.False(File.Exists(Path.Combine(results, XlsxReport.FileName)));
    }

    [Fact]
    public void Native_and_imported_folders_report_together_with_imported_energy_told_apart()
    {
        using var temp = new TempFolder();
        var native = SampleResults.WriteFolder(temp.Combine("native"), SampleResults.Grid);
        var csv = temp.Combine("emissions-codecarbon.csv");
        File.WriteAllText(csv, SampleResults.CodeCarbonCsv());
        var imported = temp.Combine("imported");
        Assert.Equal(0, ReportRun.Of("import", csv, "--out", imported).ExitCode);
        var report = temp.Combine("report");

        var run = ReportRun.Of("report", native, imported, "--out", report);

        Assert.True(run.ExitCode == 0, run.Error);
        var html = File.ReadAllText(Path.Combine(report, HtmlReport.FileName));
        Assert.Contains("11 trials from 2 results folders", html, StringComparison.Ordinal);
        Assert.Contains("◆ imported 2", html, StringComparison.Ordinal);
        var markdown = File.ReadAllText(Path.Combine(report, MarkdownReport.FileName));
        Assert.Contains("| vit-tiny | 64 | 2 | 1 | passed | ◆ imported | 189.7 |", markdown, StringComparison.Ordinal);
        Assert.Contains("| 0.9145 |", markdown, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(native, HtmlReport.FileName)));
    }

    [Fact]
    public void An_empty_folder_is_bad_input_and_writes_nothing()
    {
        using var temp = new TempFolder();
        var empty = Directory.CreateDirectory(temp.Combine("empty")).FullName;

        var run = ReportRun.Of("report", empty);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"{empty}: holds neither experiments.jsonl nor emissions.csv", run.Error, StringComparison.Ordinal);
        Assert.Contains("no report written", run.Error, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(empty));
    }

    [Fact]
    public void A_missing_folder_next_to_a_good_one_is_named_and_the_good_one_still_reported()
    {
        using var temp = new TempFolder();
        var results = SampleResults.WriteFolder(temp.Combine("results"), SampleResults.Grid);
        var missing = temp.Combine("no-such-folder");

        var run = ReportRun.Of("report", missing, results, "--out", results);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"{missing}: no such folder.", run.Error, StringComparison.Ordinal);
        Assert.Contains("Report of 9 trials from 2 folders", run.Output, StringComparison.Ordinal);
        Assert.Contains("no-such-folder: no such folder.", File.ReadAllText(Path.Combine(results, HtmlReport.FileName)), StringComparison.Ordinal);
    }

    [Fact]
    public void A_torn_tail_is_named_with_file_and_line_and_every_whole_line_is_still_reported_and_nothing_else_changes()
    {
        using var temp = new TempFolder();
        var lines = SampleResults.JsonLines(SampleResults.Grid);
        var torn = lines[^1][..(lines[^1].Length / 2)];
        var results = SampleResults.WriteFolder(temp.Combine("results"), SampleResults.Grid, [.. lines.SkipLast(1), torn], tail: string.Empty);
        var jsonl = Path.Combine(results, "experiments.jsonl");
        var before = Snapshot(results);

        var run = ReportRun.Of("report", results, "--xlsx");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"{jsonl}:9: is not valid JSON", run.Error, StringComparison.Ordinal);
        Assert.Contains("left out of the report", run.Error, StringComparison.Ordinal);
        var markdown = File.ReadAllText(Path.Combine(results, MarkdownReport.FileName));
        Assert.Equal(8, Regex.Count(markdown, "^\\| Train \\[", RegexOptions.Multiline));
        Assert.Contains($"{jsonl}:9: is not valid JSON", markdown, StringComparison.Ordinal);
        foreach (var (file, bytes) in before)
        {
            Assert.Equal(bytes, File.ReadAllBytes(file));
        }

        Assert.Equal(
            ["emissions.csv", "experiments.jsonl", .. PlotFiles.Order(StringComparer.Ordinal), "report.html", "report.md", "report.xlsx"],
            Directory.GetFiles(results).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void NaN_and_negative_energies_are_named_with_line_listed_in_the_table_and_left_out_of_the_plots()
    {
        using var temp = new TempFolder();
        var lines = SampleResults.JsonLines(SampleResults.Grid);
        lines[1] = SampleResults.WithColumn(lines[1], "energy_joules", JsonValue.Create(-12.5));
        lines[2] = SampleResults.WithColumn(SampleResults.WithColumn(lines[2], "energy_joules", null), "non_finite", new JsonObject { ["energy_joules"] = "NaN" });
        var results = SampleResults.WriteFolder(temp.Combine("results"), SampleResults.Grid, lines);
        var jsonl = Path.Combine(results, "experiments.jsonl");

        var run = ReportRun.Of("report", results);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"{jsonl}:2: 'Train [mlp | batch=128 | epochs=2]' has a negative energy_joules (-12.5 J); it is listed in the table but left out of the plots.", run.Error, StringComparison.Ordinal);
        Assert.Contains($"{jsonl}:3: 'Train [lenet | batch=64 | epochs=2]' has energy_joules NaN, not a finite number", run.Error, StringComparison.Ordinal);
        var markdown = File.ReadAllText(Path.Combine(results, MarkdownReport.FileName));
        Assert.Equal(9, Regex.Count(markdown, "^\\| Train \\[", RegexOptions.Multiline));
        Assert.Contains("7 of 9 trials (those with an energy and a top-1)", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void A_report_html_that_energyfacts_did_not_write_is_never_overwritten()
    {
        using var temp = new TempFolder();
        var results = SampleResults.WriteFolder(temp.Combine("results"), SampleResults.Grid);
        var foreign = Path.Combine(results, HtmlReport.FileName);
        File.WriteAllText(foreign, "<html><body>my own notes</body></html>");

        var run = ReportRun.Of("report", results);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"'{foreign}' was not written by energyfacts report", run.Error, StringComparison.Ordinal);
        Assert.Equal("<html><body>my own notes</body></html>", File.ReadAllText(foreign));
        Assert.False(File.Exists(Path.Combine(results, MarkdownReport.FileName)));
    }

    [Fact]
    public void A_second_report_replaces_the_first()
    {
        using var temp = new TempFolder();
        var results = SampleResults.WriteFolder(temp.Combine("results"), [.. SampleResults.Grid.Take(3)]);
        Assert.Equal(0, ReportRun.Of("report", results).ExitCode);
        SampleResults.WriteFolder(results, SampleResults.Grid);

        var run = ReportRun.Of("report", results);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal(9, Regex.Count(File.ReadAllText(Path.Combine(results, MarkdownReport.FileName)), "^\\| Train \\[", RegexOptions.Multiline));
        Assert.Empty(Directory.GetFiles(results, "*.tmp"));
    }

    [Fact]
    public void Bad_apc_weights_are_bad_input()
    {
        using var temp = new TempFolder();
        var results = SampleResults.WriteFolder(temp.Combine("results"), SampleResults.Grid);

        var run = ReportRun.Of("report", results, "--apc-alpha", "1.5");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("α", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(results, HtmlReport.FileName)));
    }

    private static List<(string File, byte[] Bytes)> Snapshot(string folder) =>
        [.. Directory.GetFiles(folder).Select(f => (f, File.ReadAllBytes(f)))];
}
