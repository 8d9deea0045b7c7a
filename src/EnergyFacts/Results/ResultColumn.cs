using System.Globalization;

namespace EnergyFacts.Results;

/// <summary>Which family a column belongs to.</summary>
internal enum ResultColumnGroup
{
    /// <summary>One of CodeCarbon 3.x's 38 <c>emissions.csv</c> columns, same name, order, unit and meaning.</summary>
    CodeCarbon,

    /// <summary>What the experiment is and what it learned.</summary>
    Experiment,

    /// <summary>EnergyFacts' own: trials, provenance, harness overhead.</summary>
    EnergyFacts,
}

/// <summary>How a column's values are typed in JSON and parsed back.</summary>
internal enum ResultColumnKind
{
    /// <summary>Free text.</summary>
    Text,

    /// <summary>A whole number.</summary>
    WholeNumber,

    /// <summary>A real number, written with round-trip precision.</summary>
    Number,

    /// <summary>An ISO 8601 timestamp with UTC offset, e.g. <c>2026-03-01T12:00:05+00:00</c>.</summary>
    Timestamp,
}

/// <summary>One results column: its name, unit and meaning, and how to read its value from a <see cref="ResultRow"/>.</summary>
internal sealed class ResultColumn
{
    private readonly Func<ResultRow, object?> value;

    internal ResultColumn(string name, ResultColumnGroup group, ResultColumnKind kind, string unit, string legend, Func<ResultRow, object?> value)
    {
        Name = name;
        Group = group;
        Kind = kind;
        Unit = unit;
        Legend = legend;
        this.value = value;
    }

    /// <summary>Column name as written in the header.</summary>
    public string Name { get; }

    /// <summary>Which family the column belongs to.</summary>
    public ResultColumnGroup Group { get; }

    /// <summary>How the value is typed.</summary>
    public ResultColumnKind Kind { get; }

    /// <summary>Unit, e.g. <c>kWh</c>, <c>W</c>, <c>kg CO2eq</c>; empty when dimensionless or text.</summary>
    public string Unit { get; }

    /// <summary>What the column means.</summary>
    public string Legend { get; }

    /// <summary>The typed value: <see cref="string"/>, <see cref="double"/>, <see cref="long"/>, <see cref="int"/>, <see cref="DateTimeOffset"/>, or <see langword="null"/> when unknown.</summary>
    public object? ValueOf(ResultRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return value(row);
    }

    /// <summary>The value as invariant-culture text (empty when unknown), exactly as written to <c>emissions.csv</c>.</summary>
    public string FormatValue(ResultRow row) => FormatInvariant(ValueOf(row));

    /// <inheritdoc/>
    public override string ToString() => Unit.Length == 0 ? Name : $"{Name} ({Unit})";

    /// <summary>Invariant text for a typed column value; doubles use the shortest round-trip form.</summary>
    internal static string FormatInvariant(object? value) => value switch
    {
        null => string.Empty,
        string text => text,
        double number => number.ToString("R", CultureInfo.InvariantCulture),
        int number => number.ToString(CultureInfo.InvariantCulture),
        long number => number.ToString(CultureInfo.InvariantCulture),
        DateTimeOffset time => time.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
        Guid id => id.ToString("D"),
        IFormattable other => other.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}
