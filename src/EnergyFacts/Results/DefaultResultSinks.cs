using EnergyFacts.Results.Csv;
using EnergyFacts.Results.Jsonl;
using EnergyFacts.Results.Markdown;

namespace EnergyFacts.Results;

/// <summary>The sinks every run writes: <c>emissions.csv</c>, <c>experiments.jsonl</c> and <c>summary.md</c>.</summary>
internal static class DefaultResultSinks
{
    /// <summary>
    /// Creates the default sinks for <paramref name="resultsDirectory"/>, creating the folder and checking that it is
    /// writable now, so that a bad folder fails at the start of the run rather than after the first experiment.
    /// </summary>
    /// <exception cref="ResultsFolderException">The folder cannot be created or written.</exception>
    public static CompositeResultSink Create(string resultsDirectory, ResultsFolderOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(resultsDirectory);
        options ??= ResultsFolderOptions.Default;
        ResultsFolderLock.EnsureWritable(resultsDirectory, options.LockTimeout);
        return new CompositeResultSink(
        [
            new EmissionsCsvSink(resultsDirectory, options),
            new ExperimentsJsonlSink(resultsDirectory, options),
            // Last: it renders from experiments.jsonl, so it sees the row just appended there.
            new SummaryMarkdownSink(resultsDirectory, options),
        ]);
    }
}
