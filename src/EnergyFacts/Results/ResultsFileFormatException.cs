namespace EnergyFacts.Results;

/// <summary>A results file does not have the form EnergyFacts writes (another tool's header, a malformed line).</summary>
internal sealed class ResultsFileFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">User-facing message naming the file, the line and what to do.</param>
    /// <param name="filePath">The file.</param>
    /// <param name="lineNumber">1-based line, when the problem has one.</param>
    public ResultsFileFormatException(string message, string filePath, int? lineNumber)
        : base(message)
    {
        FilePath = filePath;
        LineNumber = lineNumber;
    }

    /// <summary>Creates the exception.</summary>
    public ResultsFileFormatException() : this("A results file is malformed.", string.Empty, null) { }

    /// <summary>Creates the exception.</summary>
    public ResultsFileFormatException(string message) : this(message, string.Empty, null) { }

    /// <summary>Creates the exception.</summary>
    public ResultsFileFormatException(string message, Exception innerException) : base(message, innerException) => FilePath = string.Empty;

    /// <summary>The file concerned.</summary>
    public string FilePath { get; }

    /// <summary>1-based line of the problem, when there is one.</summary>
    public int? LineNumber { get; }
}
