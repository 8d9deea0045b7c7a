namespace EnergyFacts.Gates;

/// <summary>
/// A baseline file that cannot be used: not valid JSON, not the baseline's shape, or of a newer format. The message
/// names the file, the position (1-based line and byte in the line) and what is allowed there.
/// </summary>
internal sealed class BaselineFormatException : Exception
{
    public BaselineFormatException(string file, long line, long bytePositionInLine, string problem, Exception? inner = null)
        : base($"{file}:{line}:{bytePositionInLine}: the energy baseline cannot be read: {problem}", inner)
    {
        File = file;
        Line = line;
        BytePositionInLine = bytePositionInLine;
        Problem = problem;
    }

    public string File { get; }

    /// <summary>1-based line of the problem.</summary>
    public long Line { get; }

    /// <summary>1-based byte position of the problem in its line.</summary>
    public long BytePositionInLine { get; }

    /// <summary>What is wrong and what is allowed, without the file and position.</summary>
    public string Problem { get; }

    /// <summary>Whether the file is of a newer format than this version reads (update EnergyFacts, or regenerate the baseline).</summary>
    public bool IsNewerFormat { get; init; }
}
