using System.Globalization;

namespace EnergyFacts.Gates;

/// <summary>
/// The optional energy–accuracy gate: an energy regression beyond the threshold is accepted only when the accuracy
/// metric gained at least <c>minimumGain</c> (in the metric's own unit, e.g. 0.01 top-1), shown by the lower bound of
/// the Hodges–Lehmann shift current − baseline at the gate's confidence. Any other energy verdict stands as it is.
/// </summary>
internal static class EnergyAccuracyGate
{
    /// <param name="energy">The energy verdict of the case (<see cref="RegressionGate.DecideCase"/>).</param>
    /// <param name="baselineAccuracy">The accuracy metric's baseline trials (higher is better).</param>
    /// <param name="currentAccuracy">Its current trials.</param>
    /// <param name="minimumGain">The gain that pays for more energy, in the metric's unit; more than 0.</param>
    /// <param name="confidence">Confidence of the gain's bounds.</param>
    public static EnergyAccuracyVerdict Decide(
        CaseVerdict energy, FigureTrials? baselineAccuracy, FigureTrials currentAccuracy, double minimumGain, GateConfidence confidence)
    {
        ArgumentNullException.ThrowIfNull(energy);
        ArgumentNullException.ThrowIfNull(currentAccuracy);
        if (!(minimumGain > 0) || !double.IsFinite(minimumGain))
        {
            throw new ArgumentOutOfRangeException(nameof(minimumGain), minimumGain, "the accuracy gain that pays for more energy must be a finite number more than 0");
        }

        if (!currentAccuracy.HigherIsBetter)
        {
            throw new ArgumentException($"'{currentAccuracy.Figure}' is lower-is-better; the energy–accuracy gate needs an accuracy metric (higher is better)", nameof(currentAccuracy));
        }

        if (energy.Kind != GateVerdictKind.Regressed)
        {
            return new EnergyAccuracyVerdict(energy, null, minimumGain, Accepted: false, Fails: energy.Fails, Explanation: string.Empty);
        }

        var gain = baselineAccuracy is null ? null : TwoSampleComparison.Shift(baselineAccuracy.Values, currentAccuracy.Values, confidence);
        var unit = currentAccuracy.Unit;
        var gainText = gain is null
            ? $"the gain of {currentAccuracy.Figure} cannot be bounded ({(baselineAccuracy is null ? "no baseline values" : "too few trials")})"
            : string.Create(CultureInfo.InvariantCulture, $"{currentAccuracy.Figure} gained {CaseVerdict.Number(gain.Estimate)} {unit} (bounds [{CaseVerdict.Number(gain.Lower)}, {CaseVerdict.Number(gain.Upper)}] at {GateConfidence.Percent(gain.AchievedConfidence)})");
        var accepted = gain is not null && gain.Lower >= minimumGain;
        var required = string.Create(CultureInfo.InvariantCulture, $"at least {CaseVerdict.Number(minimumGain)} {unit} asked");
        var explanation = accepted
            ? $"Accepted by the energy–accuracy gate: {gainText}, {required}."
            : $"The energy–accuracy gate does not accept it: {gainText}, {required}.";
        return new EnergyAccuracyVerdict(energy, gain, minimumGain, accepted, Fails: !accepted, explanation);
    }
}

/// <summary>The energy–accuracy gate's verdict on one case.</summary>
/// <param name="Energy">The energy verdict.</param>
/// <param name="AccuracyGain">The accuracy shift current − baseline with bounds, when the energy regressed and it could be computed.</param>
/// <param name="MinimumGain">The gain asked for, in the metric's unit.</param>
/// <param name="Accepted">Whether an energy regression is paid for by the accuracy gain.</param>
/// <param name="Fails">Whether the case fails.</param>
/// <param name="Explanation">The accuracy gate's decision in words (empty when the energy did not regress).</param>
internal sealed record EnergyAccuracyVerdict(
    CaseVerdict Energy, TwoSampleComparison? AccuracyGain, double MinimumGain, bool Accepted, bool Fails, string Explanation)
{
    /// <summary>The energy verdict's message and the gate's decision.</summary>
    public string Message => Explanation.Length == 0 ? Energy.Message : Energy.Message + " " + Explanation;
}
