using System.Diagnostics;
using EnergyFacts.Results;
using EnergyFacts.Results.Csv;
using EnergyFacts.Results.Jsonl;

namespace EnergyFacts.Tests.Results;

/// <summary>
/// Several processes appending to one results folder at once. The children are this test executable itself,
/// re-launched with a filter selecting <see cref="Writer_appends_its_rows_in_order"/> and environment variables
/// telling that test which folder to write and under which writer id.
/// </summary>
public sealed class ConcurrentWritersTests
{
    private const string FolderVariable = "ENERGYFACTS_TEST_WRITER_FOLDER";
    private const string WriterVariable = "ENERGYFACTS_TEST_WRITER_ID";
    private const int RowsPerWriter = 200;
    private const int Writers = 4;

    /// <summary>
    /// Appends <see cref="RowsPerWriter"/> rows through the CSV and JSONL sinks. In a normal run it writes a private
    /// folder and checks the rows; as a child of the test below it writes the shared folder the parent checks.
    /// </summary>
    [Fact]
    public void Writer_appends_its_rows_in_order()
    {
        var sharedFolder = Environment.GetEnvironmentVariable(FolderVariable);
        using var ownFolder = ResultSamples.NewFolder();
        var folder = sharedFolder ?? ownFolder.Path;
        var writer = Environment.GetEnvironmentVariable(WriterVariable) ?? "solo";

        var sinks = new CompositeResultSink([new EmissionsCsvSink(folder), new ExperimentsJsonlSink(folder)]);
        for (var i = 1; i <= RowsPerWriter; i++)
        {
            sinks.Append(ResultSamples.Row(experimentId: writer, trial: i));
        }

        var mine = EmissionsCsv.Read(Path.Combine(folder, EmissionsCsv.FileName)).Where(r => r["experiment_id"] == writer).ToList();
        Assert.Equal(Enumerable.Range(1, RowsPerWriter).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), mine.Select(r => r["trial"]));
    }

    [Fact]
    public async Task Four_processes_appending_at_once_lose_and_tear_no_row()
    {
        using var folder = ResultSamples.NewFolder();
        var children = Enumerable.Range(1, Writers).Select(w => StartWriter(folder.Path, $"writer-{w}")).ToList();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));

        foreach (var (child, output) in children)
        {
            using (child)
            {
                await child.WaitForExitAsync(timeout.Token);
                Assert.True(child.ExitCode == 0, $"Writer process exited with {child.ExitCode}:\n{output}");
            }
        }

        var csvPath = folder.File(EmissionsCsv.FileName);
        var lines = File.ReadAllText(csvPath).Split('\n');
        Assert.Equal(string.Empty, lines[^1]);
        Assert.Single(lines, l => l == EmissionsCsv.HeaderLine);
        Assert.Equal(Writers * RowsPerWriter + 1, lines.Length - 1);
        var rows = EmissionsCsv.Read(csvPath);
        Assert.Equal(Writers * RowsPerWriter, rows.Count);
        Assert.Equal(Writers * RowsPerWriter, rows.Select(r => r["experiment_id"] + "/" + r["trial"]).Distinct().Count());
        Assert.All(rows, r => Assert.Equal(ResultColumns.Names.Count, r.Count));
        foreach (var writer in rows.GroupBy(r => r["experiment_id"]))
        {
            // Each writer's rows keep their order, whatever the interleaving.
            Assert.Equal(Enumerable.Range(1, RowsPerWriter).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), writer.Select(r => r["trial"]));
        }

        Assert.Equal(Writers, rows.Select(r => r["experiment_id"]).Distinct().Count());
        Assert.Equal(Writers * RowsPerWriter, ExperimentsJsonl.Read(folder.File(ExperimentsJsonl.FileName)).Count);
        Assert.Empty(Directory.GetFiles(folder.Path, "*.torn-*"));
    }

    private static (Process Child, System.Text.StringBuilder Output) StartWriter(string folder, string writer) =>
        EndToEnd.TestHostChild.Start(
            typeof(ConcurrentWritersTests),
            nameof(Writer_appends_its_rows_in_order),
            new Dictionary<string, string> { [FolderVariable] = folder, [WriterVariable] = writer });
}
