using System.Reflection;
using EnergyFacts.Metrics;
using EnergyFacts.Reports.Documents;
using Microsoft.Playwright;

namespace EnergyFacts.Reports.Tests;

/// <summary>
/// report.html in a real headless browser: Debian's chromium driven by Playwright through its ExecutablePath (Playwright
/// never downloads a browser here). Every plot must be present and decoded, nothing may be fetched from outside the
/// file, and the console must stay free of errors. With ENERGYFACTS_UPDATE_SCREENSHOT=1 the screenshot refreshes docs/report-screenshot.png.
/// </summary>
public sealed class ReportBrowserTests
{
    private const string Chromium = "/usr/bin/chromium";

    [Fact]
    public async Task Every_plot_of_the_report_loads_in_headless_chromium_without_console_errors_or_requests_outside_the_file()
    {
        Assert.True(File.Exists(Chromium),
            $"{Chromium} is missing: this test drives Debian's chromium and never downloads a browser. Install it with `sudo apt-get install chromium` (.ci/run does).");
        using var temp = new TempFolder();
        var native = SampleResults.WriteFolder(temp.Combine("energy-results"), SampleResults.Grid);
        var csv = temp.Combine("codecarbon-emissions.csv");
        File.WriteAllText(csv, SampleResults.CodeCarbonCsv());
        var imported = temp.Combine("imported");
        Assert.Equal(0, ReportRun.Of("import", csv, "--out", imported).ExitCode);
        var outcome = ReportWriter.Write(
            new ReportOptions([native, imported], temp.Combine("report"), Spreadsheet: false, new ApcWeights(0.1, 50)),
            new DateTimeOffset(2026, 3, 2, 12, 0, 0, TimeSpan.Zero));
        var html = Assert.Single(outcome.FilesWritten, f => f.EndsWith(HtmlReport.FileName, StringComparison.Ordinal));

        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = Chromium, Headless = true });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1500, Height = 1000 } });
        var consoleErrors = new List<string>();
        var requests = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning")
            {
                consoleErrors.Add($"{message.Type}: {message.Text}");
            }
        };
        page.PageError += (_, text) => consoleErrors.Add($"page error: {text}");
        page.Request += (_, request) => requests.Add(request.Url);

        var response = await page.GotoAsync(new Uri(html).AbsoluteUri, new PageGotoOptions { WaitUntil = WaitUntilState.Load });

        Assert.NotNull(response);
        Assert.True(response.Ok);
        var images = await page.EvaluateAsync<ImageState[]>(
            "() => Array.from(document.images).map(i => ({ alt: i.alt, complete: i.complete, naturalWidth: i.naturalWidth, naturalHeight: i.naturalHeight, src: i.src.slice(0, 22) }))");
        Assert.Equal(6, images.Length);
        Assert.All(images, image =>
        {
            Assert.True(image.Complete && image.NaturalWidth > 0 && image.NaturalHeight > 0, $"plot '{image.Alt}' did not load");
            Assert.Equal("data:image/png;base64,", image.Src);
        });
        Assert.Equal(
            ["Accuracy against energy", "Energy against duration, by batch size", "Accuracy per epoch", "Energy per epoch (cumulative)", "Power over time", "APC against consumption (α = 0.1, β = 50, consumption in Wh per run)"],
            images.Select(i => i.Alt));
        Assert.Equal(11, await page.Locator("tbody tr").CountAsync());
        Assert.All(requests, url => Assert.True(url.StartsWith("file:", StringComparison.Ordinal) || url.StartsWith("data:", StringComparison.Ordinal), $"request outside the file: {url}"));
        Assert.Empty(consoleErrors);

        // The README's screenshot is refreshed only when asked for (ENERGYFACTS_UPDATE_SCREENSHOT=1), so a test run
        // leaves the working tree as it was; otherwise it goes next to the test's report.
        var screenshot = Environment.GetEnvironmentVariable("ENERGYFACTS_UPDATE_SCREENSHOT") == "1"
            ? Path.Combine(RepositoryRoot(), "docs", "report-screenshot.png")
            : Path.Combine(Path.GetTempPath(), $"energyfacts-report-screenshot-{Environment.ProcessId}.png");
        Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true });
        Assert.True(new FileInfo(screenshot).Length > 10_000);
    }

    private static string RepositoryRoot() =>
        typeof(ReportBrowserTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepositoryRoot").Value!;

    // Playwright fills the result through a parameterless constructor and setters.
    private sealed class ImageState
    {
        public string Alt { get; set; } = string.Empty;

        public bool Complete { get; set; }

        public int NaturalWidth { get; set; }

        public int NaturalHeight { get; set; }

        public string Src { get; set; } = string.Empty;
    }
}
