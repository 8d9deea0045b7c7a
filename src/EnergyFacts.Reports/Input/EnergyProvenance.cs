using EnergyFacts.Probes;
using EnergyFacts.Results;

namespace EnergyFacts.Reports.Input;

/// <summary>
/// Where a row's energy as a whole came from, read from its <c>energy_source</c> column (e.g.
/// <c>cpu=measured;gpu=none;ram=estimated</c>). A total is only as good as its weakest part: one estimated component
/// makes the row estimated, one replayed component replayed, one imported component imported.
/// </summary>
internal enum EnergyProvenance
{
    /// <summary>Every component with energy was read from a hardware counter.</summary>
    Measured,

    /// <summary>At least one component was computed from a model (TDP × CPU time, watts per DIMM): not a measurement.</summary>
    Estimated,

    /// <summary>At least one component was played back from a recorded trace.</summary>
    Replayed,

    /// <summary>Taken from another tool's results (CodeCarbon) by <c>energyfacts import</c>.</summary>
    Imported,

    /// <summary>No component named a source (an empty or unreadable <c>energy_source</c>).</summary>
    Unknown,
}

/// <summary>Reading and naming <see cref="EnergyProvenance"/>.</summary>
internal static class EnergyProvenances
{
    /// <summary>Every provenance, in legend order.</summary>
    public static IReadOnlyList<EnergyProvenance> All { get; } =
        [EnergyProvenance.Measured, EnergyProvenance.Estimated, EnergyProvenance.Replayed, EnergyProvenance.Imported, EnergyProvenance.Unknown];

    /// <summary>The provenance of a whole row from its <c>energy_source</c> text.</summary>
    public static EnergyProvenance Of(string energySource)
    {
        ArgumentNullException.ThrowIfNull(energySource);
        var sources = new HashSet<EnergySource>();
        foreach (var part in energySource.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var token = part[(part.IndexOf('=', StringComparison.Ordinal) + 1)..];
            if (token.EndsWith(FileTokens.PartialSuffix, StringComparison.Ordinal))
            {
                token = token[..^FileTokens.PartialSuffix.Length];
            }

            if (FileTokens.TryParseSource(token, out var source))
            {
                sources.Add(source);
            }
        }

        // Weakest part first: an imported or replayed figure is not this machine's measurement, an estimate is not a measurement.
        return sources.Contains(EnergySource.Imported) ? EnergyProvenance.Imported
            : sources.Contains(EnergySource.Replayed) ? EnergyProvenance.Replayed
            : sources.Contains(EnergySource.Estimated) ? EnergyProvenance.Estimated
            : sources.Contains(EnergySource.Measured) ? EnergyProvenance.Measured
            : EnergyProvenance.Unknown;
    }

    /// <summary>The word shown in tables and legends.</summary>
    public static string Label(this EnergyProvenance provenance) => provenance switch
    {
        EnergyProvenance.Measured => "measured",
        EnergyProvenance.Estimated => "estimated",
        EnergyProvenance.Replayed => "replayed",
        EnergyProvenance.Imported => "imported",
        _ => "unknown",
    };

    /// <summary>What the word means, for the report's legend.</summary>
    public static string Meaning(this EnergyProvenance provenance) => provenance switch
    {
        EnergyProvenance.Measured => "every component read from a hardware counter (RAPL, NVML)",
        EnergyProvenance.Estimated => "at least one component computed from a model (TDP × CPU time, watts per DIMM): not a measurement",
        EnergyProvenance.Replayed => "at least one component played back from a recorded trace (tests, re-analysis)",
        EnergyProvenance.Imported => "taken from CodeCarbon's emissions.csv by energyfacts import; measured by that tool",
        _ => "no component named its source",
    };
}
