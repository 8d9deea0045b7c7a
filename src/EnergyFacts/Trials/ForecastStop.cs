using System.Globalization;
using EnergyFacts.Accounting;
using EnergyFacts.Gates;
using EnergyFacts.Results;

namespace EnergyFacts.Trials;

/// <summary>
/// The baseline's energy for one case, as the early stop compares a forecast with it: the median of the baseline
/// trials' <c>energy</c> figure (PUE included), from a baseline measured on the same machine.
/// </summary>
/// <param name="MedianJoules">Median energy of the baseline trials, joules, PUE included.</param>
/// <param name="Trials">Baseline trials of the case.</param>
/// <param name="Source">The baseline energy's source (measured, estimated …).</param>
/// <param name="Threshold">The gate's regression threshold.</param>
/// <param name="File">The baseline file.</param>
internal sealed record BaselineEnergy(double MedianJoules, int Trials, FigureSource Source, RelativeThreshold Threshold, string File)
{
    /// <summary>
    /// The case's baseline energy in the run's baseline, or <see langword="null"/> when there is none to stop against: no
    /// gate, no (readable) baseline file, the case or its energy figure missing, or a baseline from another machine
    /// (unless <c>--energy-baseline-allow-mismatch</c>).
    /// </summary>
    public static BaselineEnergy? Of(EnergyRun run, TrialCase trial)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(trial);
        var gates = run.Settings.Gates;
        if (!gates.IsEnabled || run.Baseline is not { Baseline: { } baseline } read)
        {
            return null;
        }

        if (baseline.Find(CaseGate.KeyOf(trial)) is not { } baselineCase
            || baselineCase.Find(GatedFigure.Energy) is not { Values.Count: > 0 } energy
            || (!gates.AllowMismatch && baselineCase.Machine.DifferencesFrom(CaseGate.MachineOf(run.Host)).Count > 0))
        {
            return null;
        }

        var median = energy.Median;
        return median > 0 ? new BaselineEnergy(median, energy.Values.Count, energy.Source, gates.RegressionThreshold, read.Path) : null;
    }
}

/// <summary>Why a trial is stopped after an epoch: the status it ends with and the reason its message states.</summary>
/// <param name="Status">Aborted as predicted over the budget or over the baseline.</param>
/// <param name="Reason">The forecast, the energy it was compared with and the margin.</param>
internal sealed record ForecastStopDecision(ExperimentStatus Status, string Reason);

/// <summary>
/// Whether a forecast clearly breaks what the trial may spend, so the trial is stopped through its cancellation token
/// and the rest of its energy saved. Clearly means beyond a margin that covers the forecast's own error: 25 % from
/// epoch 2 on, 100 % after epoch 1 alone (a first epoch often costs more than the rest). Against the budget
/// (<c>MaxKilowattHours</c>): the forecast above budget × (1 + margin). Against the baseline: above the baseline
/// median × (1 + regression threshold) × (1 + margin) — a run the gate would very likely call regressed.
/// </summary>
internal static class ForecastStop
{
    /// <summary>The margin from epoch 2 on.</summary>
    public const double Margin = 0.25;

    /// <summary>The margin after epoch 1 alone.</summary>
    public const double FirstEpochMargin = 1.0;

    /// <summary>The margin that covers <paramref name="forecast"/>'s error.</summary>
    public static double MarginOf(EnergyForecast forecast)
    {
        ArgumentNullException.ThrowIfNull(forecast);
        return forecast.AfterEpoch == 1 ? FirstEpochMargin : Margin;
    }

    /// <summary>The stop, or <see langword="null"/> to go on; the budget is checked first. No stop after the last epoch.</summary>
    public static ForecastStopDecision? Decide(EnergyForecast forecast, KilowattHours? budget, BaselineEnergy? baseline)
    {
        ArgumentNullException.ThrowIfNull(forecast);
        if (forecast.AfterEpoch >= forecast.Epochs)
        {
            return null;
        }

        var margin = MarginOf(forecast);
        var predicted = forecast.PredictedTotal.Value;
        var after = string.Create(
            CultureInfo.InvariantCulture, $"after epoch {forecast.AfterEpoch}/{forecast.Epochs} the run is forecast at {predicted:G4} J ({forecast.Model})");
        if (budget is { } maxEnergy && predicted > maxEnergy.ToJoules().Value * (1 + margin))
        {
            return new ForecastStopDecision(
                ExperimentStatus.PredictedOverBudget,
                string.Create(CultureInfo.InvariantCulture, $"{after}, above its budget of {maxEnergy.ToJoules().Value:G4} J ({maxEnergy.Value:G4} kWh, PUE included) by more than {margin:P0}"));
        }

        if (baseline is not null)
        {
            var limit = baseline.MedianJoules * (1 + baseline.Threshold.Fraction) * (1 + margin);
            if (predicted > limit)
            {
                return new ForecastStopDecision(
                    ExperimentStatus.PredictedOverBaseline,
                    string.Create(
                        CultureInfo.InvariantCulture,
                        $"{after}, {predicted / baseline.MedianJoules:0.00}× the baseline's median of {baseline.MedianJoules:G4} J ({baseline.Trials} trials, {baseline.Source.Name()}, {baseline.File}): above the {baseline.Threshold} regression threshold and the forecast's {margin:P0} margin (limit {limit:G4} J)"));
            }
        }

        return null;
    }
}
