namespace EnergyFacts.Results.CodeCarbon;

/// <summary>Something an import could not read: a file or a row, with where it is and why.</summary>
/// <param name="Path">The file.</param>
/// <param name="Line">1-based line, or <see langword="null"/> for the whole file.</param>
/// <param name="Message">What is wrong, for the user.</param>
internal sealed record ImportProblem(string Path, int? Line, string Message)
{
    /// <inheritdoc/>
    public override string ToString() => Line is { } line ? $"{Path}:{line}: {Message}" : $"{Path}: {Message}";
}
