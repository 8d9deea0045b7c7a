using EnergyFacts.Results;
using EnergyFacts.Results.Csv;

namespace EnergyFacts.Tests.Results;

public sealed class CompositeResultSinkTests
{
    private sealed class BrokenSink(string name) : IResultSink
    {
        public string Name => name;

        public void CheckBeforeMeasuring() { }

        public void Append(ResultRow row) => throw new InvalidOperationException($"{name} is broken");
    }

    private sealed class RecordingSink : IResultSink
    {
        public List<ResultRow> Rows { get; } = [];

        public string Name => "recording";

        public void CheckBeforeMeasuring() { }

        public void Append(ResultRow row) => Rows.Add(row);
    }

    [Fact]
    public void A_failing_sink_does_not_cost_the_others_their_row_and_is_reported_after_all_ran()
    {
        using var folder = ResultSamples.NewFolder();
        var recording = new RecordingSink();
        var composite = new CompositeResultSink([new BrokenSink("first"), new EmissionsCsvSink(folder.Path), new BrokenSink("third"), recording]);

        var error = Assert.Throws<ResultSinkException>(() => composite.Append(ResultSamples.Row()));

        Assert.Single(EmissionsCsv.Read(folder.File("emissions.csv")));
        Assert.Single(recording.Rows);
        Assert.Equal(["first", "third"], error.FailedSinks);
        Assert.Equal(2, error.InnerExceptions.Count);
        Assert.StartsWith("2 of 4 result sinks could not record trial 1 of 'Train [resnet18 | batch=64 | epochs=2]' (the others did)", error.Message, StringComparison.Ordinal);
        Assert.Contains("[first] first is broken", error.Message, StringComparison.Ordinal);
        Assert.Contains("[third] third is broken", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void When_every_sink_works_nothing_is_thrown_and_all_get_the_row()
    {
        var a = new RecordingSink();
        var b = new RecordingSink();

        new CompositeResultSink([a, b]).Append(ResultSamples.Row());

        Assert.Single(a.Rows);
        Assert.Single(b.Rows);
    }

    [Fact]
    public void The_default_sinks_write_the_three_files()
    {
        using var folder = ResultSamples.NewFolder();

        var sinks = DefaultResultSinks.Create(folder.Path);
        sinks.Append(ResultSamples.Row());

        Assert.Equal(["emissions.csv", "experiments.jsonl", "summary.md"], sinks.Sinks.Select(s => s.Name));
        Assert.True(File.Exists(folder.File("emissions.csv")));
        Assert.True(File.Exists(folder.File("experiments.jsonl")));
        Assert.True(File.Exists(folder.File("summary.md")));
    }

    [Fact]
    public void An_unwritable_results_folder_fails_at_creation_naming_the_folder()
    {
        using var folder = ResultSamples.NewFolder();
        // A regular file where a folder should be: unwritable even for root.
        var file = folder.File("not-a-folder");
        File.WriteAllText(file, "x");
        var results = Path.Combine(file, "energy-results");

        var error = Assert.Throws<ResultsFolderException>(() => DefaultResultSinks.Create(results));

        Assert.Equal(results, error.Folder);
        Assert.Contains($"The results folder '{results}' cannot be written", error.Message, StringComparison.Ordinal);
        Assert.Contains("ENERGYFACTS_RESULTS_DIR", error.Message, StringComparison.Ordinal);
    }
}
