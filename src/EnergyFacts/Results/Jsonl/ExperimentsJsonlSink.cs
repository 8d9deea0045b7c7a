namespace EnergyFacts.Results.Jsonl;

/// <summary>Appends one JSON object per trial to <c>&lt;results&gt;/experiments.jsonl</c>, with the per-epoch history.</summary>
internal sealed class ExperimentsJsonlSink : ResultSinkBase
{
    /// <summary>Creates the sink.</summary>
    /// <param name="resultsDirectory">The results folder.</param>
    /// <param name="options">Lock timeout and notices.</param>
    public ExperimentsJsonlSink(string resultsDirectory, ResultsFolderOptions? options = null)
        : base(resultsDirectory, ExperimentsJsonl.FileName, options)
    {
    }

    /// <inheritdoc/>
    protected override void CheckExistingFile(string firstLine) => ExperimentsJsonl.CheckFirstLine(firstLine, FilePath);

    /// <inheritdoc/>
    protected override void AppendLocked(ResultRow row) =>
        AppendLine(header: null, firstLine => ExperimentsJsonl.CheckFirstLine(firstLine, FilePath), ExperimentsJsonl.FormatRow(row));
}
