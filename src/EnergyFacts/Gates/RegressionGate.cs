using System.Globalization;

namespace EnergyFacts.Gates;

/// <summary>
/// Decides each case of a run against its baseline case: one <see cref="CaseVerdict"/> per case, for the figure the
/// settings gate. Regressed, mismatch (unless allowed) and too few trials fail; inconclusive and new fail only when the
/// settings say so. Nothing passes silently: every verdict's message says what was compared and how sure it is.
/// </summary>
internal static class RegressionGate
{
    /// <summary>Decides every case of <paramref name="current"/> against <paramref name="baseline"/>.</summary>
    public static GateReport Decide(BaselineRead baseline, IEnumerable<CaseMeasurement> current, GateSettings settings)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(settings);
        var verdicts = current
            .OrderBy(c => c.Key)
            .Select(c => baseline.Baseline is { } b
                ? DecideCase(b.Find(c.Key), c, settings, baseline.Path)
                : NoBaselineFile(c, settings, baseline.Path))
            .ToList();
        return new GateReport(baseline.Path, baseline.IsMissing, verdicts);
    }

    /// <summary>
    /// Decides one case; <paramref name="baselineCase"/> is <see langword="null"/> when the baseline lacks it. With
    /// <see cref="GateSettings.AccuracyGain"/>, an energy regression is then put to the energy–accuracy gate.
    /// </summary>
    public static CaseVerdict DecideCase(CaseMeasurement? baselineCase, CaseMeasurement current, GateSettings settings, string baselineFile)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var verdict = DecideFigure(baselineCase, current, settings, baselineFile);
        return settings.AccuracyGain is { } required && verdict.Kind == GateVerdictKind.Regressed && !verdict.HigherIsBetter
            ? WithAccuracyGain(verdict, baselineCase, current, required, settings.Confidence)
            : verdict;
    }

    // The energy–accuracy gate on an energy regression: accepted (passes) when the accuracy figure's shift current −
    // baseline has its lower bound at or above the gain asked; otherwise the regression stands, saying why.
    private static CaseVerdict WithAccuracyGain(CaseVerdict energy, CaseMeasurement? baselineCase, CaseMeasurement current, AccuracyGainRequirement required, GateConfidence confidence)
    {
        if (current.Find(required.Figure) is not { } now)
        {
            return energy with
            {
                AccuracyRequirement = required,
                Reason = energy.Reason + $" The energy–accuracy gate cannot accept it: this run reported no '{required.Figure}' values (--energy-accuracy-gain {required}).",
            };
        }

        EnergyAccuracyVerdict decision;
        try
        {
            decision = EnergyAccuracyGate.Decide(energy, baselineCase?.Find(required.Figure), now, required.MinimumGain, confidence);
        }
        catch (ArgumentException e)
        {
            return energy with { AccuracyRequirement = required, Reason = energy.Reason + $" The energy–accuracy gate cannot accept it: {e.Message}." };
        }

        return energy with
        {
            Kind = decision.Accepted ? GateVerdictKind.Accepted : GateVerdictKind.Regressed,
            Fails = decision.Fails,
            Accuracy = decision,
            AccuracyRequirement = required,
            Reason = energy.Reason + " " + decision.Explanation,
        };
    }

    private static CaseVerdict DecideFigure(CaseMeasurement? baselineCase, CaseMeasurement current, GateSettings settings, string baselineFile)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(settings);
        var figure = settings.Figure;
        var now = current.Find(figure);
        var before = baselineCase?.Find(figure);
        var verdict = new CaseVerdict
        {
            Key = current.Key,
            Kind = GateVerdictKind.New,
            Fails = settings.RequireBaseline,
            Figure = figure,
            Unit = now?.Unit ?? before?.Unit,
            HigherIsBetter = now?.HigherIsBetter ?? before?.HigherIsBetter ?? false,
            Source = now?.Source,
            BaselineSource = before?.Source,
            CurrentTrials = now?.Values.Count ?? 0,
            BaselineTrials = before?.Values.Count ?? 0,
            MinimumTrials = RankBounds.MinimumTrials(before?.Values.Count ?? 0, settings.Confidence),
            Threshold = settings.RegressionThreshold,
            Confidence = settings.Confidence,
            Reason = string.Empty,
        };

        if (now is null || now.Values.Count == 0)
        {
            return verdict with
            {
                Kind = GateVerdictKind.TooFewTrials,
                Fails = true,
                Reason = $"The run reported no values of '{figure}' for this case, so the gate has nothing to compare (is --energy-gate-figure the figure the experiment reports?).",
            };
        }

        if (before is null)
        {
            var where = baselineCase is null ? $"{baselineFile} has no case {current.Key}" : $"the case in {baselineFile} has no '{figure}' figure";
            return verdict with
            {
                Reason = $"New: {where}; not compared. "
                    + (settings.RequireBaseline ? "--energy-require-baseline makes that a failure." : "It passes; --energy-update-baseline adds it."),
            };
        }

        var mismatches = Mismatches(baselineCase!, current, before, now);
        var unitsDiffer = !string.Equals(before.Unit, now.Unit, StringComparison.Ordinal) || before.HigherIsBetter != now.HigherIsBetter;
        verdict = verdict with { Mismatches = mismatches };
        if (mismatches.Count > 0 && (unitsDiffer || !settings.AllowMismatch))
        {
            return verdict with
            {
                Kind = GateVerdictKind.Mismatch,
                Fails = true,
                Reason = unitsDiffer
                    ? "Not compared: values in different units or directions cannot be compared; refresh the baseline with --energy-update-baseline."
                    : "Not compared: a baseline from another machine or source says little about this run; refresh it with --energy-update-baseline, or compare anyway with --energy-baseline-allow-mismatch.",
            };
        }

        var comparison = Compare(before, now, settings, out var problem);
        if (comparison is null)
        {
            return verdict with
            {
                Kind = problem is null ? GateVerdictKind.TooFewTrials : GateVerdictKind.Inconclusive,
                Fails = problem is null || settings.FailInconclusive,
                Reason = problem ?? TooFewTrials(now.Values.Count, before.Values.Count, settings.Confidence),
            };
        }

        var kind = Classify(comparison, settings.RegressionThreshold, now.HigherIsBetter);
        return verdict with
        {
            Kind = kind,
            Comparison = comparison,
            Fails = kind == GateVerdictKind.Regressed || (kind == GateVerdictKind.Inconclusive && settings.FailInconclusive),
            Reason = Explain(kind, settings, now.HigherIsBetter) + (mismatches.Count > 0 ? " Compared despite the differences (--energy-baseline-allow-mismatch)." : string.Empty),
        };
    }

    /// <summary>
    /// The verdict of bounds against the band [1 / (1 + t), 1 + t]: wholly on the worse side is regressed, wholly on
    /// the better side improved, wholly within unchanged, anything else inconclusive.
    /// </summary>
    public static GateVerdictKind Classify(TwoSampleComparison comparison, RelativeThreshold threshold, bool higherIsBetter)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        var above = comparison.Lower > threshold.UpperRatio;
        var below = comparison.Upper < threshold.LowerRatio;
        if (above || below)
        {
            return above != higherIsBetter ? GateVerdictKind.Regressed : GateVerdictKind.Improved;
        }

        return comparison.Lower >= threshold.LowerRatio && comparison.Upper <= threshold.UpperRatio
            ? GateVerdictKind.Unchanged
            : GateVerdictKind.Inconclusive;
    }

    /// <summary>How many more trials to run for <paramref name="verdict"/> (Pinpoint-style follow-up): the rest of <see cref="GateSettings.MaxExtraTrials"/> while inconclusive, else 0.</summary>
    public static int ExtraTrialsWanted(CaseVerdict verdict, GateSettings settings, int extraTrialsRun)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        ArgumentNullException.ThrowIfNull(settings);
        return verdict.Kind == GateVerdictKind.Inconclusive && verdict.Comparison is not null
            ? Math.Max(0, settings.MaxExtraTrials - extraTrialsRun)
            : 0;
    }

    /// <summary>The message of too few trials: what the asked confidence needs and why.</summary>
    public static string TooFewTrials(int currentTrials, int baselineTrials, GateConfidence confidence)
    {
        var needed = RankBounds.MinimumTrials(baselineTrials, confidence);
        var balanced = RankBounds.MinimumBalancedTrials(confidence);
        var smallest = RankBounds.SmallestMisrate(currentTrials, baselineTrials);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"Too few trials for a statistical gate at {confidence} confidence: with {currentTrials} trials against {baselineTrials} baseline trials the most extreme ordering still happens by chance with probability 2 / C({currentTrials + baselineTrials}, {currentTrials}) = {smallest:0.####} > {1 - confidence.Level:0.####} (1 − confidence). ")
            + (baselineTrials > 0 && needed <= currentTrials
                ? string.Create(CultureInfo.InvariantCulture, $"The baseline needs more trials: at least {balanced} each. ")
                : string.Create(CultureInfo.InvariantCulture, $"Run at least {needed} trials against this baseline ({balanced} each when the baseline is refreshed), e.g. Trials = {Math.Max(needed, balanced)} on [EnergyExperiment]. "))
            + "Not compared; the case fails rather than passing unchecked.";
    }

    private static TwoSampleComparison? Compare(FigureTrials before, FigureTrials now, GateSettings settings, out string? problem)
    {
        try
        {
            problem = null;
            return TwoSampleComparison.Ratio(before.Values, now.Values, settings.Confidence);
        }
        catch (ArgumentException ex)
        {
            problem = "Inconclusive: " + ex.Message + ".";
            return null;
        }
    }

    private static List<string> Mismatches(CaseMeasurement baselineCase, CaseMeasurement current, FigureTrials before, FigureTrials now)
    {
        var differences = current.Machine.DifferencesFrom(baselineCase.Machine).Select(d => "machine " + d).ToList();
        if (before.Source != now.Source)
        {
            differences.Add($"source {before.Source.Name()} → {now.Source.Name()}");
        }

        if (!string.Equals(before.Unit, now.Unit, StringComparison.Ordinal))
        {
            differences.Add($"unit {before.Unit} → {now.Unit}");
        }

        if (before.HigherIsBetter != now.HigherIsBetter)
        {
            differences.Add($"direction {(before.HigherIsBetter ? "higher" : "lower")} is better → {(now.HigherIsBetter ? "higher" : "lower")} is better");
        }

        if (!string.Equals(baselineCase.Probes, current.Probes, StringComparison.Ordinal))
        {
            differences.Add($"probes '{baselineCase.Probes}' → '{current.Probes}'");
        }

        return differences;
    }

    private static string Explain(GateVerdictKind kind, GateSettings settings, bool higherIsBetter)
    {
        var worse = higherIsBetter ? "below" : "above";
        var better = higherIsBetter ? "above" : "below";
        return kind switch
        {
            GateVerdictKind.Regressed => $"Regressed: the whole interval is {worse} the band, a change beyond the {settings.RegressionThreshold} threshold.",
            GateVerdictKind.Improved => $"Improved: the whole interval is {better} the band; --energy-update-baseline records the improvement.",
            GateVerdictKind.Unchanged => "Unchanged: the whole interval lies within the band.",
            _ => "Inconclusive: the interval reaches over an edge of the band, so the data cannot tell a change beyond the threshold from none; more trials narrow it"
                + (settings.MaxExtraTrials > 0 ? string.Create(CultureInfo.InvariantCulture, $" (up to {settings.MaxExtraTrials} extra, --energy-max-extra-trials)") : " (--energy-max-extra-trials)")
                + (settings.FailInconclusive ? "; --energy-fail-inconclusive makes it a failure." : "; it does not fail the case unless --energy-fail-inconclusive."),
        };
    }

    private static CaseVerdict NoBaselineFile(CaseMeasurement current, GateSettings settings, string path)
    {
        var now = current.Find(settings.Figure);
        return new CaseVerdict
        {
            Key = current.Key,
            Kind = GateVerdictKind.New,
            Fails = settings.RequireBaseline,
            Figure = settings.Figure,
            Unit = now?.Unit,
            HigherIsBetter = now?.HigherIsBetter ?? false,
            Source = now?.Source,
            CurrentTrials = now?.Values.Count ?? 0,
            Threshold = settings.RegressionThreshold,
            Confidence = settings.Confidence,
            Reason = $"No baseline file at {path} (a first run?); not compared. "
                + (settings.RequireBaseline ? "--energy-require-baseline makes that a failure." : "It passes; --energy-update-baseline writes the file."),
        };
    }
}

/// <summary>The gate's verdicts on a run.</summary>
/// <param name="BaselinePath">The baseline file compared with.</param>
/// <param name="BaselineMissing">Whether no file was there.</param>
/// <param name="Verdicts">One verdict per case, sorted by key.</param>
internal sealed record GateReport(string BaselinePath, bool BaselineMissing, IReadOnlyList<CaseVerdict> Verdicts)
{
    /// <summary>Whether any verdict fails its case.</summary>
    public bool Fails => Verdicts.Any(v => v.Fails);

    /// <summary>E.g. <c>12 cases: 9 unchanged, 1 regressed, 2 inconclusive; 1 fails</c>.</summary>
    public string Summary =>
        string.Create(CultureInfo.InvariantCulture, $"{Verdicts.Count} cases against {BaselinePath}{(BaselineMissing ? " (missing)" : string.Empty)}: ")
        + string.Join(", ", Verdicts.GroupBy(v => v.Kind).OrderBy(g => g.Key).Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Count()} {g.Key.Name()}")))
        + string.Create(CultureInfo.InvariantCulture, $"; {Verdicts.Count(v => v.Fails)} fail");
}
