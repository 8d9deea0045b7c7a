using EnergyFacts.Results;
using EnergyFacts.Results.Csv;

namespace EnergyFacts.Tests.Results;

public sealed class ResultsFolderLockTests
{
    [Fact]
    public void A_held_lock_makes_a_writer_time_out_with_a_message_naming_the_folder()
    {
        using var folder = ResultSamples.NewFolder();
        var sink = new EmissionsCsvSink(folder.Path, new ResultsFolderOptions { LockTimeout = TimeSpan.FromMilliseconds(200) });

        using (ResultsFolderLock.Acquire(folder.Path, TimeSpan.FromSeconds(5)))
        {
            var error = Assert.Throws<ResultsFolderException>(
                () => Task.Run(() => sink.Append(ResultSamples.Row()), TestContext.Current.CancellationToken).GetAwaiter().GetResult());

            Assert.Contains("Timed out after 0.2 s waiting for the lock on results folder", error.Message, StringComparison.Ordinal);
            Assert.Contains(folder.Path, error.Message, StringComparison.Ordinal);
        }

        sink.Append(ResultSamples.Row());
        Assert.Single(EmissionsCsv.Read(folder.File("emissions.csv")));
    }

    [Fact]
    public async Task Threads_of_one_process_appending_at_once_lose_no_row()
    {
        using var folder = ResultSamples.NewFolder();
        const int threads = 4;
        const int rowsEach = 25;

        await Task.WhenAll(Enumerable.Range(0, threads).Select(t => Task.Run(() =>
        {
            var sink = new EmissionsCsvSink(folder.Path);
            for (var i = 1; i <= rowsEach; i++)
            {
                sink.Append(ResultSamples.Row(experimentId: $"thread-{t}", trial: i));
            }
        }, TestContext.Current.CancellationToken)));

        var rows = EmissionsCsv.Read(folder.File("emissions.csv"));
        Assert.Equal(threads * rowsEach, rows.Count);
        Assert.Equal(threads * rowsEach, rows.Select(r => r["experiment_id"] + "/" + r["trial"]).Distinct().Count());
    }
}
