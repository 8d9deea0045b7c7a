namespace EnergyFacts.Results;

/// <summary>The results folder cannot be used: it cannot be created or written, or its lock was not obtained in time.</summary>
internal sealed class ResultsFolderException : IOException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">User-facing message naming the folder and what to do.</param>
    /// <param name="folder">The folder.</param>
    /// <param name="innerException">The underlying failure, if any.</param>
    public ResultsFolderException(string message, string folder, Exception? innerException)
        : base(message, innerException) => Folder = folder;

    /// <summary>Creates the exception.</summary>
    public ResultsFolderException() : this("The results folder cannot be used.", string.Empty, null) { }

    /// <summary>Creates the exception.</summary>
    public ResultsFolderException(string message) : this(message, string.Empty, null) { }

    /// <summary>Creates the exception.</summary>
    public ResultsFolderException(string message, Exception innerException) : this(message, string.Empty, innerException) { }

    /// <summary>The folder concerned.</summary>
    public string Folder { get; }
}
