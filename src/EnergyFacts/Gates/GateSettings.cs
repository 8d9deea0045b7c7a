namespace EnergyFacts.Gates;

/// <summary>
/// The regression gate's settings (<c>--energy-baseline</c> and the rest of the registry's gate settings), resolved and
/// frozen. Gates depends on no other folder: the settings registry builds this record.
/// </summary>
internal sealed record GateSettings
{
    /// <summary>Every setting at its default: no baseline, so the gate is off.</summary>
    public static GateSettings Default { get; } = new();

    /// <summary>The baseline file (absolute), or <see langword="null"/>: no gate.</summary>
    public string? BaselinePath { get; init; }

    /// <summary>Write or refresh the baseline with this run's cases.</summary>
    public bool UpdateBaseline { get; init; }

    /// <summary>Compare even when machine or source differ (the difference is still stated).</summary>
    public bool AllowMismatch { get; init; }

    public RelativeThreshold RegressionThreshold { get; init; } = RelativeThreshold.Default;

    /// <summary>An inconclusive verdict fails the case.</summary>
    public bool FailInconclusive { get; init; }

    /// <summary>A missing baseline file, or a case missing from it, fails the case.</summary>
    public bool RequireBaseline { get; init; }

    /// <summary>At most this many extra trials are run for an inconclusive case (0: none).</summary>
    public int MaxExtraTrials { get; init; }

    /// <summary>The figure compared.</summary>
    public GatedFigure Figure { get; init; } = GatedFigure.Energy;

    public GateConfidence Confidence { get; init; } = GateConfidence.Default;

    /// <summary>The energy–accuracy gate: an energy regression is accepted only with this accuracy gain; null: off.</summary>
    public AccuracyGainRequirement? AccuracyGain { get; init; }

    /// <summary>Whether a baseline is given, so that the gate runs.</summary>
    public bool IsEnabled => BaselinePath is not null;
}
