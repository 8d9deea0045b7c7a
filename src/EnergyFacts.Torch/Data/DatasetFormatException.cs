namespace EnergyFacts.Torch.Data;

/// <summary>A dataset file is missing, corrupt or truncated. The message names the file, the byte offset and what was expected.</summary>
public sealed class DatasetFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">Full message naming file, offset and expectation.</param>
    public DatasetFormatException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with an underlying cause (e.g. a gzip error).</summary>
    /// <param name="message">Full message naming file, offset and expectation.</param>
    /// <param name="innerException">The cause.</param>
    public DatasetFormatException(string message, Exception innerException) : base(message, innerException)
    {
    }

    /// <summary>Creates an exception with no detail; prefer the overloads with a message.</summary>
    public DatasetFormatException()
    {
    }

    internal static DatasetFormatException At(string file, long offset, string detail) =>
        new($"{file}: at byte offset {offset.ToString(System.Globalization.CultureInfo.InvariantCulture)}: {detail}");
}
