using System.Globalization;
using EnergyFacts.Results;
using EnergyFacts.Results.Csv;
using EnergyFacts.Results.Markdown;

namespace EnergyFacts.Tests.Results.Markdown;

public sealed class SummaryMarkdownTests
{
    private static readonly Guid OtherRun = new("00000000-0000-4000-8000-000000000002");

    /// <summary>Three trials of one case (one over budget) and a second case in another run, through the default sinks.</summary>
    private static string WriteSampleSummary()
    {
        using var folder = ResultSamples.NewFolder();
        var sinks = DefaultResultSinks.Create(folder.Path);
        sinks.Append(ResultSamples.Row(trial: 1, trials: 3, cpuWatts: 100));
        sinks.Append(ResultSamples.Row(trial: 2, trials: 3, cpuWatts: 110));
        sinks.Append(ResultSamples.Row(trial: 3, trials: 3, cpuWatts: 120, status: ExperimentStatus.OverBudget, message: "over"));
        var idle = ResultSamples.Row(experimentId: "EnergyFacts.Tests.Samples.Idle");
        sinks.Append(idle with
        {
            Outcome = idle.Outcome with
            {
                RunId = OtherRun,
                ExperimentName = "Idle [none | batch=1 | epochs=1]",
                Budget = null,
                History = [],
                Samples = 0,
            },
        });
        return File.ReadAllText(folder.File(SummaryMarkdownSink.SummaryFileName));
    }

    [Fact]
    public void The_summary_matches_the_golden_file_under_the_invariant_culture() =>
        Golden.Assert(Cultures.Under(CultureInfo.InvariantCulture, WriteSampleSummary), "summary-md");

    [Fact]
    public void The_summary_is_identical_under_a_comma_decimal_culture() =>
        Golden.Assert(Cultures.Under(Cultures.CommaDecimal, WriteSampleSummary), "summary-md");

    [Fact]
    public void Every_trial_in_the_folder_appears_once_even_from_separate_sink_instances()
    {
        using var folder = ResultSamples.NewFolder();
        DefaultResultSinks.Create(folder.Path).Append(ResultSamples.Row(trial: 1, trials: 2));
        DefaultResultSinks.Create(folder.Path).Append(ResultSamples.Row(trial: 2, trials: 2));

        var summary = File.ReadAllText(folder.File("summary.md"));

        Assert.StartsWith(SummaryMarkdown.Marker + "\n", summary, StringComparison.Ordinal);
        Assert.Contains("Train [resnet18 \\| batch=64 \\| epochs=2] · trial 1/2", summary, StringComparison.Ordinal);
        Assert.Contains("Train [resnet18 \\| batch=64 \\| epochs=2] · trial 2/2", summary, StringComparison.Ordinal);
        Assert.Contains("Repeated trials", summary, StringComparison.Ordinal);
    }

    [Fact]
    public void A_row_missing_from_experiments_jsonl_still_appears()
    {
        using var folder = ResultSamples.NewFolder();

        new SummaryMarkdownSink(folder.Path).Append(ResultSamples.Row());

        Assert.Contains("| Train [resnet18 \\| batch=64 \\| epochs=2] | passed |", File.ReadAllText(folder.File("summary.md")), StringComparison.Ordinal);
    }

    [Fact]
    public void A_summary_md_that_EnergyFacts_did_not_write_is_left_alone()
    {
        using var folder = ResultSamples.NewFolder();
        var path = folder.File("summary.md");
        File.WriteAllText(path, "# My notes\n");

        var error = Assert.Throws<ResultsFileFormatException>(() => new SummaryMarkdownSink(folder.Path).Append(ResultSamples.Row()));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Equal("# My notes\n", File.ReadAllText(path));
    }

    [Fact]
    public void The_run_summary_is_appended_to_the_step_summary_file_for_that_run_only()
    {
        using var folder = ResultSamples.NewFolder();
        var sinks = DefaultResultSinks.Create(folder.Path);
        sinks.Append(ResultSamples.Row(trial: 1));
        var other = ResultSamples.Row();
        sinks.Append(other with { Outcome = other.Outcome with { RunId = OtherRun, ExperimentName = "Other run" } });
        var stepSummary = folder.File("step-summary.md");
        File.WriteAllText(stepSummary, "previous step\n");

        var written = new SummaryMarkdownSink(folder.Path).AppendRunSummaryTo(stepSummary, ResultSamples.RunId);

        var text = File.ReadAllText(stepSummary);
        Assert.Equal(1, written);
        Assert.StartsWith("previous step\n## EnergyFacts · run `" + ResultSamples.RunId, text, StringComparison.Ordinal);
        Assert.Contains("Train [resnet18", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Other run", text, StringComparison.Ordinal);
        Assert.Equal(0, new SummaryMarkdownSink(folder.Path).AppendRunSummaryTo(stepSummary, Guid.NewGuid()));
        Assert.Equal(text, File.ReadAllText(stepSummary));
    }

    [Theory]
    [InlineData(0.0, "0")]
    [InlineData(1260.0, "1260")]
    [InlineData(12.34567, "12.35")]
    [InlineData(0.625, "0.6250")]
    [InlineData(0.0012346, "0.001235")]
    [InlineData(0.00035, "3.500E-04")]
    [InlineData(-2.5, "-2.500")]
    [InlineData(1234567.0, "1.235E+06")]
    public void Numbers_are_readable_with_four_significant_digits(double value, string expected) =>
        Assert.Equal(expected, Cultures.Under(Cultures.CommaDecimal, () => SummaryMarkdown.Readable(value)));

    [Fact]
    public void The_summary_renders_from_csv_rows_too()
    {
        using var folder = ResultSamples.NewFolder();
        new EmissionsCsvSink(folder.Path).Append(ResultSamples.Row());

        var text = SummaryMarkdown.RenderFolder(EmissionsCsv.Read(folder.File("emissions.csv")));

        Assert.Contains("| passed | 10.00 | 1260 | 3.500E-04 | cpu=replayed;gpu=none;ram=estimated |", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_garbage_line_in_experiments_jsonl_is_set_aside_and_later_trials_are_still_recorded()
    {
        using var folder = ResultSamples.NewFolder();
        var notices = new List<string>();
        var sinks = DefaultResultSinks.Create(folder.Path, new ResultsFolderOptions { Notice = notices.Add });
        sinks.Append(ResultSamples.Row(trial: 1, trials: 3));
        File.AppendAllText(folder.File("experiments.jsonl"), "this line was edited by hand\n");

        sinks.Append(ResultSamples.Row(trial: 2, trials: 3));
        sinks.Append(ResultSamples.Row(trial: 3, trials: 3));

        var summary = File.ReadAllText(folder.File(SummaryMarkdownSink.SummaryFileName));
        Assert.Contains("trial 3/3", summary, StringComparison.Ordinal);
        Assert.Contains("## Lines set aside", summary, StringComparison.Ordinal);
        Assert.Contains("- line 2: ", summary, StringComparison.Ordinal);
        Assert.Single(notices, n => n.Contains("line 2", StringComparison.Ordinal));
        Assert.Contains("this line was edited by hand", File.ReadAllText(folder.File("experiments.jsonl")), StringComparison.Ordinal);
        Assert.Equal(3, File.ReadAllLines(folder.File("emissions.csv")).Length - 1);
    }
}
