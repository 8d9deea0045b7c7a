namespace EnergyFacts.Gates;

/// <summary>Where the values of a gated figure come from (the README's measured, estimated, replayed).</summary>
internal enum FigureSource
{
    /// <summary>A hardware counter (RAPL, NVML).</summary>
    Measured,

    /// <summary>A model, not a measurement (cpu-model, ram-model, constant).</summary>
    Estimated,

    /// <summary>A recorded trace (the replay probe).</summary>
    Replayed,

    /// <summary>Brought in from elsewhere, e.g. another tool's results.</summary>
    Imported,
}

/// <summary>The lower-case names of <see cref="FigureSource"/> as written in a baseline file.</summary>
internal static class FigureSourceNames
{
    public static string Name(this FigureSource source) => source switch
    {
        FigureSource.Measured => "measured",
        FigureSource.Estimated => "estimated",
        FigureSource.Replayed => "replayed",
        FigureSource.Imported => "imported",
        _ => throw new ArgumentOutOfRangeException(nameof(source), source, "not a figure source"),
    };

    public const string Allowed = "measured, estimated, replayed or imported";

    public static bool TryParse(string? text, out FigureSource source)
    {
        foreach (var candidate in Enum.GetValues<FigureSource>())
        {
            if (string.Equals(candidate.Name(), text, StringComparison.Ordinal))
            {
                source = candidate;
                return true;
            }
        }

        source = default;
        return false;
    }
}
