using System.Globalization;
using System.Text;

namespace EnergyFacts.Gates;

/// <summary>
/// The regression gate's verdict on one case, with everything its message states: the figure and its source, both
/// medians and trial counts, the ratio with its bounds, the threshold and the confidence.
/// </summary>
internal sealed record CaseVerdict
{
    public required ExperimentKey Key { get; init; }

    public required GateVerdictKind Kind { get; init; }

    /// <summary>Whether this verdict fails the case under the gate's settings.</summary>
    public required bool Fails { get; init; }

    public required GatedFigure Figure { get; init; }

    /// <summary>Unit of the figure's values (the current run's).</summary>
    public string? Unit { get; init; }

    public bool HigherIsBetter { get; init; }

    /// <summary>Source of the current values, when the run has the figure.</summary>
    public FigureSource? Source { get; init; }

    /// <summary>Source of the baseline values, when the baseline has the figure.</summary>
    public FigureSource? BaselineSource { get; init; }

    public int CurrentTrials { get; init; }

    public int BaselineTrials { get; init; }

    /// <summary>The fewest current trials that allow bounds at <see cref="Confidence"/> against the baseline's count.</summary>
    public int MinimumTrials { get; init; }

    public required RelativeThreshold Threshold { get; init; }

    /// <summary>The confidence asked for.</summary>
    public required GateConfidence Confidence { get; init; }

    /// <summary>The ratio current / baseline with bounds and medians, when computed.</summary>
    public TwoSampleComparison? Comparison { get; init; }

    /// <summary>Differences between baseline and current that make them not comparable as such (machine, source, unit).</summary>
    public IReadOnlyList<string> Mismatches { get; init; } = [];

    /// <summary>The energy–accuracy gate's decision on an energy regression, when <c>--energy-accuracy-gain</c> is set.</summary>
    public EnergyAccuracyVerdict? Accuracy { get; init; }

    /// <summary>What the energy–accuracy gate asked for (figure and minimum gain), when it judged this verdict.</summary>
    public AccuracyGainRequirement? AccuracyRequirement { get; init; }

    /// <summary>Extra trials run for this case after an inconclusive verdict (<c>--energy-max-extra-trials</c>), up to this verdict.</summary>
    public int ExtraTrials { get; init; }

    /// <summary>Why the verdict is what it is, in words (the last part of <see cref="Message"/>).</summary>
    public required string Reason { get; init; }

    /// <summary>One paragraph for the test output, the failure message and the summary.</summary>
    public string Message
    {
        get
        {
            var text = new StringBuilder()
                .Append(CultureInfo.InvariantCulture, $"{Figure} {Kind.Name()}{(Fails ? " (fails)" : string.Empty)}: {Key}. ");
            if (Comparison is { } c)
            {
                var unit = Unit is null ? string.Empty : " " + Unit;
                text.Append(CultureInfo.InvariantCulture, $"Median {Number(c.CurrentMedian)}{unit} now ({CurrentTrials} trials) vs {Number(c.BaselineMedian)}{unit} in the baseline ({BaselineTrials} trials); ")
                    .Append(CultureInfo.InvariantCulture, $"ratio {Ratio(c.Estimate)}, bounds [{Ratio(c.Lower)}, {Ratio(c.Upper)}] at {GateConfidence.Percent(c.AchievedConfidence)} confidence ")
                    .Append(c.IsExact ? "(exact rank bounds" : "(approximate rank bounds")
                    .Append(CultureInfo.InvariantCulture, $", {Confidence} asked); threshold {Threshold}, unchanged band [{Ratio(Threshold.LowerRatio)}, {Ratio(Threshold.UpperRatio)}]. ");
            }
            else if (CurrentTrials > 0 || BaselineTrials > 0)
            {
                text.Append(CultureInfo.InvariantCulture, $"{CurrentTrials} trials now, {BaselineTrials} in the baseline; threshold {Threshold}, confidence {Confidence}. ");
            }

            if (Source is { } source)
            {
                text.Append(CultureInfo.InvariantCulture, $"Source {source.Name()}")
                    .Append(BaselineSource is { } before ? $" (baseline {before.Name()})" : string.Empty)
                    .Append(HigherIsBetter ? ", higher is better. " : ", lower is better. ");
            }

            if (Mismatches.Count > 0)
            {
                text.Append("Baseline and run differ: ").Append(string.Join("; ", Mismatches)).Append(". ");
            }

            if (ExtraTrials > 0)
            {
                text.Append(CultureInfo.InvariantCulture, $"Judged after {ExtraTrials} extra trial{(ExtraTrials == 1 ? string.Empty : "s")} (--energy-max-extra-trials). ");
            }

            return text.Append(Reason).ToString();
        }
    }

    /// <summary>A figure's value, four significant digits, invariant culture.</summary>
    public static string Number(double value) => value.ToString("G4", CultureInfo.InvariantCulture);

    /// <summary>A ratio, three decimals, invariant culture.</summary>
    public static string Ratio(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);
}
