using System.Globalization;

namespace EnergyFacts.Reports.Input;

/// <summary>Something in the input the report could not use as it is, with the file and line to look at.</summary>
/// <param name="FilePath">The file or folder concerned.</param>
/// <param name="LineNumber">1-based line, when the problem has one.</param>
/// <param name="Message">What is wrong and what the report did about it.</param>
internal sealed record ReportProblem(string FilePath, int? LineNumber, string Message)
{
    /// <summary><c>FILE:LINE: message</c>, as compilers print it.</summary>
    public override string ToString() =>
        LineNumber is { } line ? string.Create(CultureInfo.InvariantCulture, $"{FilePath}:{line}: {Message}") : $"{FilePath}: {Message}";
}
