namespace EnergyFacts.Results.Csv;

/// <summary>
/// Appends one row per trial to <c>&lt;results&gt;/emissions.csv</c>, CodeCarbon-compatible. The header is written when
/// the file is created; an existing file with another header is an error, never mixed into.
/// </summary>
internal sealed class EmissionsCsvSink : ResultSinkBase
{
    /// <summary>Creates the sink.</summary>
    /// <param name="resultsDirectory">The results folder.</param>
    /// <param name="options">Lock timeout and notices.</param>
    public EmissionsCsvSink(string resultsDirectory, ResultsFolderOptions? options = null)
        : base(resultsDirectory, EmissionsCsv.FileName, options)
    {
    }

    /// <inheritdoc/>
    protected override void CheckExistingFile(string firstLine) => EmissionsCsv.CheckHeader(firstLine, FilePath);

    /// <inheritdoc/>
    protected override void AppendLocked(ResultRow row) =>
        AppendLine(EmissionsCsv.HeaderLine, firstLine => EmissionsCsv.CheckHeader(firstLine, FilePath), EmissionsCsv.FormatRow(row));
}
