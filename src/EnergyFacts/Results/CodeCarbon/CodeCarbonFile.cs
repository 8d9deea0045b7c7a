namespace EnergyFacts.Results.CodeCarbon;

/// <summary>What <see cref="CodeCarbonCsvReader"/> read from one file.</summary>
/// <param name="Path">The file.</param>
/// <param name="ColumnSet">The CodeCarbon release range its header matches, or <see langword="null"/> when none does.</param>
/// <param name="Rows">The rows it could read, in file order.</param>
/// <param name="Problems">The rows (or the file) it could not read; those rows are not in <paramref name="Rows"/>.</param>
/// <param name="Notes">What it did to the file as a whole (e.g. accuracy given in percent, normalised to fractions).</param>
internal sealed record CodeCarbonFile(
    string Path,
    CodeCarbonColumnSet? ColumnSet,
    IReadOnlyList<ImportedRow> Rows,
    IReadOnlyList<ImportProblem> Problems,
    IReadOnlyList<string> Notes);
