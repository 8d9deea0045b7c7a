namespace EnergyFacts.Gates;

/// <summary>The one verdict a case gets from the regression gate.</summary>
internal enum GateVerdictKind
{
    /// <summary>Better beyond the threshold: the whole interval is on the better side of the unchanged band.</summary>
    Improved,

    /// <summary>Equivalent: the whole interval lies within the unchanged band.</summary>
    Unchanged,

    /// <summary>Worse beyond the threshold: the whole interval is on the worse side of the band. Fails the case.</summary>
    Regressed,

    /// <summary>The interval overlaps an edge of the band: more trials would tell. Fails only with <c>--energy-fail-inconclusive</c>.</summary>
    Inconclusive,

    /// <summary>No baseline for this case (or this figure, or no baseline file). Fails only with <c>--energy-require-baseline</c>.</summary>
    New,

    /// <summary>Too few trials (current or baseline) for bounds at the asked confidence. Fails: the gate cannot decide.</summary>
    TooFewTrials,

    /// <summary>Baseline and current differ in machine, source or unit. Fails unless <c>--energy-baseline-allow-mismatch</c> (units never).</summary>
    Mismatch,

    /// <summary>
    /// The energy regressed beyond the threshold, but the accuracy gained at least what <c>--energy-accuracy-gain</c>
    /// asks (the energy–accuracy gate): passes, saying both.
    /// </summary>
    Accepted,
}

/// <summary>The verdicts' names as reports write them: <c>improved</c>, <c>too_few_trials</c> …</summary>
internal static class GateVerdictNames
{
    public static string Name(this GateVerdictKind kind) => kind switch
    {
        GateVerdictKind.Improved => "improved",
        GateVerdictKind.Unchanged => "unchanged",
        GateVerdictKind.Regressed => "regressed",
        GateVerdictKind.Inconclusive => "inconclusive",
        GateVerdictKind.New => "new",
        GateVerdictKind.TooFewTrials => "too_few_trials",
        GateVerdictKind.Mismatch => "mismatch",
        GateVerdictKind.Accepted => "accepted",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a verdict"),
    };
}
