namespace EnergyFacts.Advice;

/// <summary>
/// A <c>--where column=value</c> filter on results rows, e.g. <c>dataset=cifar10</c>: the row's column must hold the
/// value, compared without regard to case (dataset and model names are written in varying case by hand).
/// </summary>
/// <param name="Column">The results column, e.g. <c>dataset</c>.</param>
/// <param name="Value">The value it must hold.</param>
internal sealed record ColumnFilter(string Column, string Value)
{
    /// <summary>Parses <c>column=value</c>.</summary>
    /// <exception cref="FormatException">No <c>=</c>, or an empty column name.</exception>
    public static ColumnFilter Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0 || text[..equals].Trim().Length == 0)
        {
            throw new FormatException($"--where '{text}' is not COLUMN=VALUE, e.g. dataset=cifar10.");
        }

        return new ColumnFilter(text[..equals].Trim(), text[(equals + 1)..].Trim());
    }

    /// <summary>Whether the row holds <see cref="Value"/> in <see cref="Column"/> (a row without the column does not).</summary>
    public bool Matches(IReadOnlyDictionary<string, string> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        return columns.TryGetValue(Column, out var value) && string.Equals(value.Trim(), Value, StringComparison.OrdinalIgnoreCase);
    }

    /// <inheritdoc/>
    public override string ToString() => Column + "=" + Value;
}
