using EnergyFacts.Gates;
using EnergyFacts.Probes;
using EnergyFacts.Results;

namespace EnergyFacts.Trials;

/// <summary>
/// The regression-gate step of a case's last trial: turns the case's trial rows into the gate's
/// <see cref="CaseMeasurement"/> (every figure the gate can judge, with its source and the machine) and decides it
/// against the run's baseline.
/// </summary>
internal static class CaseGate
{
    /// <summary>The case's measurement for the gate and the baseline, from its trials' rows (in trial order).</summary>
    public static CaseMeasurement Measure(TrialCase trial, IReadOnlyList<ResultRow> rows)
    {
        ArgumentNullException.ThrowIfNull(trial);
        ArgumentNullException.ThrowIfNull(rows);
        var last = rows[^1];
        var source = SourceOf(last);
        var figures = new List<FigureTrials>
        {
            FigureTrials.LowerIsBetter(GatedFigure.Energy, source, [.. rows.Select(r => r.EnergyWithPue.Value)]),
            FigureTrials.LowerIsBetter(GatedFigure.Duration, FigureSource.Measured, [.. rows.Select(r => r.Measurement.Duration.TotalSeconds)]),
        };
        if (rows.All(r => r.JoulesPerSample is not null))
        {
            figures.Add(FigureTrials.LowerIsBetter(GatedFigure.EnergyPerSample, source, [.. rows.Select(r => r.JoulesPerSample!.Value)]));
        }

        // The CPU-time-based estimate (cpu-model: TDP × this process's CPU time) is far less noisy on shared machines.
        if (rows.All(r => CpuEstimate(r) is not null))
        {
            figures.Add(FigureTrials.LowerIsBetter(GatedFigure.CpuTimeEstimate, FigureSource.Estimated, [.. rows.Select(r => CpuEstimate(r)!.Value)]));
        }

        if (rows.All(r => r.LastEpoch?.EvalTop1 is not null))
        {
            figures.Add(new FigureTrials(GatedFigure.Metric("top1"), "fraction", FigureSource.Measured, higherIsBetter: true, [.. rows.Select(r => r.LastEpoch!.EvalTop1!.Value)]));
        }

        foreach (var metric in last.Outcome.Metrics)
        {
            var values = rows.Select(r => r.Outcome.Metrics.FirstOrDefault(m => m.Name == metric.Name)?.Value).ToList();
            if (values.All(v => v is not null) && metric.Name != "top1")
            {
                figures.Add(new FigureTrials(GatedFigure.Metric(metric.Name), metric.Unit ?? "1", FigureSource.Measured, metric.HigherIsBetter, [.. values.Select(v => v!.Value)]));
            }
        }

        return new CaseMeasurement(
            KeyOf(trial),
            MachineOf(last.Host),
            ResultColumns.Get("probes").FormatValue(last),
            figures);
    }

    /// <summary>The case's key in a baseline: method, model, batch, epochs, dataset, device asked for and seed.</summary>
    public static ExperimentKey KeyOf(TrialCase trial)
    {
        ArgumentNullException.ThrowIfNull(trial);
        return new ExperimentKey(trial.Method, trial.Model, trial.Batch, trial.Epochs, trial.Dataset, trial.RequestedDevice, trial.Seed);
    }

    /// <summary>The machine as a baseline records it: CPU model, GPU model, logical CPUs, OS.</summary>
    public static MachineDescription MachineOf(HostInfo host)
    {
        ArgumentNullException.ThrowIfNull(host);
        return new MachineDescription(host.CpuModel, string.IsNullOrEmpty(host.GpuModel) ? null : host.GpuModel, host.CpuCount, host.Os);
    }

    /// <summary>The gate's verdict on the case, against the run's baseline.</summary>
    public static CaseVerdict Decide(EnergyRun run, CaseMeasurement current)
    {
        ArgumentNullException.ThrowIfNull(run);
        return RegressionGate.Decide(run.Baseline!, [current], run.Settings.Gates).Verdicts[0];
    }

    // The weakest source among the components that contributed energy: one estimated component makes the total estimated.
    private static FigureSource SourceOf(ResultRow row)
    {
        var sources = row.Measurement.Components.Where(c => c.Source is not null && c.Energy.Value != 0).Select(c => c.Source!.Value).ToList();
        return sources.Contains(EnergySource.Imported) ? FigureSource.Imported
            : sources.Contains(EnergySource.Replayed) ? FigureSource.Replayed
            : sources.Contains(EnergySource.Estimated) || sources.Count == 0 ? FigureSource.Estimated
            : FigureSource.Measured;
    }

    private static double? CpuEstimate(ResultRow row) =>
        row.Measurement.Components.FirstOrDefault(c => c.Component == PowerComponent.Cpu) is { Source: EnergySource.Estimated } cpu
        && cpu.ProbeIds.Any(p => p.StartsWith("cpu-model", StringComparison.Ordinal))
            ? cpu.Energy.Value * row.Account.Pue
            : null;
}
