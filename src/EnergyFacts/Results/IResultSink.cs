namespace EnergyFacts.Results;

/// <summary>
/// Records result rows somewhere (a file, a service). Contract: <see cref="Append"/> may be called concurrently from
/// several threads and from several processes writing the same destination; an implementation must then lose no row
/// and tear none, and must throw (never swallow) when it could not record the row.
/// </summary>
internal interface IResultSink
{
    /// <summary>Short name for messages, e.g. <c>emissions.csv</c>.</summary>
    string Name { get; }

    /// <summary>Records one row durably before returning.</summary>
    /// <exception cref="ResultsFolderException">The destination cannot be written or locked.</exception>
    /// <exception cref="ResultsFileFormatException">The existing destination holds something else (another tool's header).</exception>
    void Append(ResultRow row);

    /// <summary>
    /// Checks, before anything is measured, that the sink's existing file (if any) is one it may append to, e.g. that
    /// an existing <c>emissions.csv</c> has this version's header; throws the error the first append would throw.
    /// </summary>
    void CheckBeforeMeasuring();
}
