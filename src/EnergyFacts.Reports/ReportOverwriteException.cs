namespace EnergyFacts.Reports;

/// <summary>The report cannot be written where asked: a file there is not EnergyFacts' report, or the folder is not writable.</summary>
internal sealed class ReportOverwriteException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ReportOverwriteException() : this("The report cannot be written there.") { }

    /// <summary>Creates the exception with a user-facing message naming the file and what to do.</summary>
    public ReportOverwriteException(string message) : base(message) { }

    /// <summary>Creates the exception.</summary>
    public ReportOverwriteException(string message, Exception innerException) : base(message, innerException) { }
}
