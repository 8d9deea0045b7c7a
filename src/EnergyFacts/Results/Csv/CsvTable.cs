namespace EnergyFacts.Results.Csv;

/// <summary>A CSV file read back: its header and its rows as column name → text.</summary>
/// <param name="Path">The file.</param>
/// <param name="Header">Column names in file order.</param>
/// <param name="Rows">One dictionary per row (ordinal keys, in header order).</param>
internal sealed record CsvTable(string Path, IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyDictionary<string, string>> Rows);
