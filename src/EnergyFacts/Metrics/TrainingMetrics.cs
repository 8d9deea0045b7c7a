using System.Globalization;

namespace EnergyFacts.Metrics;

/// <summary>
/// A trial's training metrics from its per-epoch history: TTCAPC and TTCAPEC (<see cref="TimeToClosestApc"/>) over the
/// epochs' cumulative energy, FMS of the trial's performance at its total energy and ASC of its performance–cumulative
/// energy curve (<see cref="SustainabilityScores"/>). A figure that cannot be computed is <see langword="null"/> and
/// <see cref="Missing"/> says why, so an empty column always has its reason in <c>training_metric_parameters</c>.
/// </summary>
/// <param name="Ttcapc">The epoch whose APC is closest to the target; <see langword="null"/> without a target, history or per-epoch energy.</param>
/// <param name="Ttcapec">The same with APEC; <see langword="null"/> also without a price.</param>
/// <param name="Fms">FMS_β of the performance figure at the trial's energy; <see langword="null"/> without a performance figure.</param>
/// <param name="Asc">ASC over [0, the trial's energy]; <see langword="null"/> without per-epoch performance and energy.</param>
/// <param name="Settings">The parameters used (α, β, unit, price, τ, E_ref, FMS's β, the performance figure).</param>
/// <param name="AscBudget">ASC's E_max: the trial's own energy (PUE included).</param>
/// <param name="Missing">Why each empty figure is empty, e.g. <c>ttcapc: no target (--energy-ttcapc-target)</c>.</param>
internal sealed record TrainingMetrics(
    ClosestApcPoint? Ttcapc, ClosestApcPoint? Ttcapec, double? Fms, double? Asc, RowMetricSettings Settings, Joules AscBudget, IReadOnlyList<string> Missing)
{
    /// <summary>The training metrics of a trial.</summary>
    /// <param name="history">The trial's epochs in order, each with its own energy (PUE included) where measured and its performance figure where known.</param>
    /// <param name="final">The trial's final performance figure (the row's APC figure: last top-1 or the metric's final value).</param>
    /// <param name="totalEnergy">The trial's energy, PUE included (the row's <c>energy_joules</c>).</param>
    /// <param name="settings">α, β, unit, price, τ, E_ref, FMS's β and the performance figure.</param>
    public static TrainingMetrics Of(IReadOnlyList<TrainingEpoch> history, double? final, Joules totalEnergy, RowMetricSettings settings)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(settings);
        var missing = new List<string>();
        var performanceName = settings.Performance == "top1" ? "top-1" : $"metric {settings.Performance}";
        double? fms = null;
        if (final is not (>= 0 and <= 1) || !(totalEnergy.Value >= 0))
        {
            missing.Add($"fms: no {performanceName} between 0 and 1");
        }
        else
        {
            fms = SustainabilityScores.Fms(final.Value, totalEnergy, settings.ReferenceEnergy, settings.FmsBeta);
        }

        var checkpoints = Checkpoints(history, settings.Performance, out var historyProblem);
        if (historyProblem is not null)
        {
            missing.Add("ttcapc, ttcapec, asc: " + historyProblem);
            return new TrainingMetrics(null, null, fms, null, settings, totalEnergy, missing);
        }

        ClosestApcPoint? ttcapc = null;
        ClosestApcPoint? ttcapec = null;
        if (settings.TtcapcTarget is not { } target)
        {
            missing.Add("ttcapc, ttcapec: no target (--energy-ttcapc-target)");
        }
        else
        {
            ttcapc = TimeToClosestApc.Ttcapc(checkpoints, target, settings.Unit.Energy, settings.Weights);
            if (settings.Price is { } price)
            {
                ttcapec = TimeToClosestApc.Ttcapec(checkpoints, target, price, settings.Weights);
            }
            else
            {
                missing.Add("ttcapec: no price (--energy-price)");
            }
        }

        // E_max is the trial's own energy: a curve ending before it (work after the last epoch) holds its last value.
        var budget = checkpoints[^1].CumulativeEnergy > totalEnergy ? checkpoints[^1].CumulativeEnergy : totalEnergy;
        double? asc = null;
        if (budget.Value > 0)
        {
            asc = SustainabilityScores.Asc([.. checkpoints.Select(c => new PerformancePoint(c.CumulativeEnergy, c.Accuracy))], budget);
        }
        else
        {
            missing.Add("asc: the trial spent no energy");
        }

        return new TrainingMetrics(ttcapc, ttcapec, fms, asc, settings, budget, missing);
    }

    /// <summary>The parameters and the reasons for empty figures, as the <c>training_metric_parameters</c> column writes them.</summary>
    public override string ToString()
    {
        var text = string.Create(
            CultureInfo.InvariantCulture,
            $"target={(Settings.TtcapcTarget is { } t ? t.ToString("R", CultureInfo.InvariantCulture) : "none")} alpha={Settings.Weights.Alpha:R} beta={Settings.Weights.Beta:R} consumption={Settings.Unit.Energy.Symbol()}/run");
        text += Settings.Price is { } price ? " price=" + price : string.Empty;
        text += string.Create(
            CultureInfo.InvariantCulture,
            $" performance={Settings.Performance} fms_beta={Settings.FmsBeta:R} reference_energy={Settings.ReferenceEnergy.Value:R}J asc_budget={AscBudget.Value:R}J");
        return Missing.Count == 0 ? text : text + "; empty: " + string.Join("; ", Missing);
    }

    // One checkpoint per epoch with a performance value; elapsed time and energy are cumulative over every epoch.
    private static List<TrainingCheckpoint> Checkpoints(IReadOnlyList<TrainingEpoch> history, string performance, out string? problem)
    {
        var checkpoints = new List<TrainingCheckpoint>();
        problem = null;
        if (history.Count == 0)
        {
            problem = "no per-epoch history (ReportEpoch)";
            return checkpoints;
        }

        var elapsed = TimeSpan.Zero;
        var energy = Joules.Zero;
        foreach (var epoch in history)
        {
            if (epoch.Energy is not { } spent)
            {
                problem = $"epoch {epoch.Epoch} has no measured energy";
                return checkpoints;
            }

            elapsed += epoch.Duration;
            energy += spent;
            if (epoch.Performance is >= 0 and <= 1 and var value)
            {
                checkpoints.Add(new TrainingCheckpoint(epoch.Epoch, elapsed, value, energy));
            }
        }

        if (checkpoints.Count == 0)
        {
            problem = performance == "top1"
                ? "no epoch reported a top-1 (evalTop1)"
                : $"no epoch carried metric {performance} between 0 and 1 (report it before ReportEpoch)";
        }

        return checkpoints;
    }
}

/// <summary>One epoch as the training metrics take it.</summary>
/// <param name="Epoch">1-based epoch number.</param>
/// <param name="Duration">The epoch's wall time.</param>
/// <param name="Energy">The epoch's own energy (PUE included); <see langword="null"/> when not measured.</param>
/// <param name="Performance">The performance figure at the epoch's end (top-1 or a metric), a fraction; <see langword="null"/> when not reported.</param>
internal sealed record TrainingEpoch(int Epoch, TimeSpan Duration, Joules? Energy, double? Performance);
