using System.Globalization;
using System.Net;
using System.Text;
using EnergyFacts.Reports.Input;
using EnergyFacts.Reports.Plots;

namespace EnergyFacts.Reports.Documents;

/// <summary>
/// <c>report.html</c>: one self-contained file that works offline: the CSS is inline, every plot is a <c>data:</c>
/// PNG, and there is no script and no link to anything outside the file.
/// </summary>
internal static class HtmlReport
{
    /// <summary>The file name.</summary>
    public const string FileName = "report.html";

    /// <summary>In the head of every report.html; a report.html without it is not EnergyFacts' and is never overwritten.</summary>
    public const string Marker = "<meta name=\"generator\" content=\"energyfacts report\">";

    private const string Style = """
        body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; margin: 0; color: #1b1b1b; background: #f6f7f9; }
        header { background: #16324f; color: #fff; padding: 18px 32px; }
        header h1 { margin: 0 0 4px; font-size: 24px; }
        header p { margin: 0; opacity: .85; font-size: 14px; }
        main { padding: 16px 32px 32px; max-width: 1900px; }
        section { background: #fff; border: 1px solid #dde1e6; border-radius: 6px; padding: 14px 18px; margin: 14px 0; }
        h2 { font-size: 18px; margin: 0 0 10px; }
        .overview { font-size: 16px; }
        .legend span.badge { margin-right: 14px; }
        .badge { display: inline-block; padding: 1px 8px; border-radius: 10px; color: #fff; font-size: 13px; white-space: nowrap; }
        .problems { border-color: #d9822b; background: #fff8ef; }
        .problems li { font-family: "DejaVu Sans Mono", monospace; font-size: 13px; margin: 3px 0; }
        .plots { display: grid; grid-template-columns: repeat(auto-fit, minmax(560px, 1fr)); gap: 14px; }
        figure { margin: 0; background: #fff; border: 1px solid #dde1e6; border-radius: 6px; padding: 10px; }
        figure img { width: 100%; height: auto; display: block; }
        figcaption { font-size: 13px; color: #444; margin-top: 6px; line-height: 1.4; }
        figcaption b { color: #1b1b1b; }
        .missing { color: #666; font-style: italic; }
        .table { overflow-x: auto; }
        table { border-collapse: collapse; font-size: 13px; width: 100%; }
        th, td { border-bottom: 1px solid #e4e7eb; padding: 4px 8px; text-align: left; vertical-align: top; }
        th { background: #eef1f4; position: sticky; top: 0; }
        td.number { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        td.detail { color: #666; font-size: 12px; overflow-wrap: anywhere; min-width: 150px; }
        tr:nth-child(even) td { background: #fafbfc; }
        footer { color: #666; font-size: 12px; padding: 0 32px 24px; }
        """;

    /// <summary>The whole file.</summary>
    public static string Render(ReportContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n").Append(Marker).Append('\n');
        html.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>EnergyFacts report</title>\n");
        html.Append("<style>\n").Append(Style).Append("</style>\n</head>\n<body>\n");
        html.Append("<header><h1>EnergyFacts report</h1><p>").Append(Encode(string.Join(" · ", content.Input.Folders)))
            .Append(" · generated ").Append(Encode(content.GeneratedAt.ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture))).Append("</p></header>\n<main>\n");
        html.Append("<section class=\"overview\"><p>").Append(Encode(ReportSummary.Overview(content.Input))).Append("</p>\n");
        html.Append("<p class=\"legend\">Energy source: ");
        foreach (var provenance in EnergyProvenances.All.Where(p => content.Input.Experiments.Any(e => e.Provenance == p)))
        {
            html.Append(Badge(provenance, $"{provenance.Label()} {content.Input.Experiments.Count(e => e.Provenance == provenance)}"))
                .Append(' ');
        }

        html.Append("</p>\n<p>").Append(Encode(string.Join("; ", EnergyProvenances.All.Select(p => $"{PlotStyle.Glyph(p)} {p.Label()}: {p.Meaning()}"))))
            .Append(". Energy includes the PUE.</p></section>\n");
        AppendProblems(html, content.Input.Problems);
        html.Append("<section><h2>Plots</h2>\n<div class=\"plots\">\n");
        foreach (var plot in content.Plots)
        {
            html.Append("<figure><img src=\"data:image/png;base64,").Append(Convert.ToBase64String(plot.Png)).Append("\" alt=\"").Append(Encode(plot.Title))
                .Append("\" width=\"").Append(PlotStyle.WidthPixels.ToString(CultureInfo.InvariantCulture))
                .Append("\" height=\"").Append(PlotStyle.HeightPixels.ToString(CultureInfo.InvariantCulture)).Append("\">")
                .Append("<figcaption><b>").Append(Encode(plot.Title)).Append(".</b> ").Append(Encode(plot.Caption)).Append("</figcaption></figure>\n");
        }

        html.Append("</div>\n");
        foreach (var missing in content.Missing)
        {
            html.Append("<p class=\"missing\">").Append(Encode(missing.Title)).Append(": not drawn, ").Append(Encode(missing.Reason)).Append("</p>\n");
        }

        html.Append("</section>\n");
        AppendTable(html, content);
        html.Append("</main>\n<footer>Written by energyfacts report from each folder's experiments.jsonl (emissions.csv where there is none). ")
            .Append("Full columns: emissions.csv and experiments.jsonl. Numbers have about four significant digits.</footer>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static void AppendProblems(StringBuilder html, IReadOnlyList<ReportProblem> problems)
    {
        if (problems.Count == 0)
        {
            return;
        }

        html.Append("<section class=\"problems\"><h2>Input problems (").Append(problems.Count.ToString(CultureInfo.InvariantCulture))
            .Append(")</h2><p>These files, lines or values could not be used as they are; everything else is reported.</p><ul>\n");
        foreach (var problem in problems)
        {
            html.Append("<li>").Append(Encode(problem.ToString())).Append("</li>\n");
        }

        html.Append("</ul></section>\n");
    }

    private static void AppendTable(StringBuilder html, ReportContent content)
    {
        var columns = content.Table.Columns;
        html.Append("<section><h2>Results (").Append(content.Input.Experiments.Count.ToString(CultureInfo.InvariantCulture)).Append(" trials)</h2>\n<div class=\"table\"><table>\n<thead><tr>");
        foreach (var column in columns)
        {
            html.Append("<th>").Append(Encode(column.Header)).Append("</th>");
        }

        html.Append("</tr></thead>\n<tbody>\n");
        foreach (var experiment in content.Input.Experiments)
        {
            html.Append("<tr>");
            foreach (var column in columns)
            {
                var value = ReportTable.Format(column.Value(experiment));
                switch (column.Kind)
                {
                    case ReportCellKind.Provenance:
                        html.Append("<td>").Append(Badge(experiment.Provenance, value)).Append("</td>");
                        break;
                    case ReportCellKind.Number:
                        html.Append("<td class=\"number\">").Append(Encode(value)).Append("</td>");
                        break;
                    default:
                        html.Append(column.Kind == ReportCellKind.Detail ? "<td class=\"detail\">" : "<td>").Append(Encode(value)).Append("</td>");
                        break;
                }
            }

            html.Append("</tr>\n");
        }

        html.Append("</tbody></table></div></section>\n");
    }

    private static string Badge(EnergyProvenance provenance, string text) =>
        $"<span class=\"badge\" style=\"background:{PlotStyle.Hex(provenance)}\">{PlotStyle.Glyph(provenance)} {Encode(text)}</span>";

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
