using System.Globalization;
using System.Text.Json;
using EnergyFacts.Accounting;
using EnergyFacts.Measurement;
using EnergyFacts.Probes;
using EnergyFacts.Probes.Idle;
using EnergyFacts.Results;

namespace EnergyFacts.Trials;

/// <summary>What became of a trial: its row, and the failures the test must report.</summary>
/// <param name="Row">The row, as written (or as printed when it could not be written).</param>
/// <param name="BudgetFailure">The over-budget message, when the trial spent too much.</param>
/// <param name="SinkFailure">Why the row could not be written, when it could not.</param>
internal sealed record TrialResult(ResultRow Row, string? BudgetFailure, string? SinkFailure);

/// <summary>
/// A finished trial's steps after measurement, each single-purpose and run once: account (emissions and water) →
/// decide (status and budget) → build the row → persist (sinks) → report (test output).
/// </summary>
internal static class TrialPipeline
{
    public static TrialResult Finish(EnergyRun run, TrialCase trial, TrialBody body, EnergyMeasurement measurement, ITrialOutput output)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(trial);
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(measurement);
        ArgumentNullException.ThrowIfNull(output);

        var measuredBy = MeasuredBy(measurement);
        var account = run.Emissions.Account(measurement);
        var decision = TrialDecision.Decide(trial, body, account, measurement, measuredBy);
        var row = WithTrialStatistics(run, trial, BuildRow(run, trial, body, measurement, account, decision));
        Report(output, trial, row, measurement, measuredBy, decision);
        var sinkFailure = Persist(run, trial, row, output);
        return new TrialResult(row, decision.BudgetFailure, sinkFailure);
    }

    /// <summary>Who measured each component, from the measurement itself.</summary>
    public static string MeasuredBy(EnergyMeasurement measurement) =>
        string.Join("; ", measurement.Components.Select(c =>
            $"{c.Component.ToString().ToLowerInvariant()}: {(c.ProbeIds.Count == 0 ? "no probe" : string.Join('+', c.ProbeIds))} ({c.SourceLabel})"));

    private static ResultRow BuildRow(EnergyRun run, TrialCase trial, TrialBody body, EnergyMeasurement measurement, EmissionsAccount account, TrialDecision decision) =>
        ResultRowFactory.Create(
            measurement,
            new ExperimentOutcome
            {
                ProjectName = run.Settings.ProjectName,
                RunId = run.RunId,
                ExperimentId = trial.CaseId,
                ExperimentName = trial.DisplayName,
                Model = trial.Model,
                Dataset = trial.Dataset,
                Epochs = trial.Epochs,
                BatchSize = trial.Batch,
                Trial = trial.Trial,
                Trials = trial.Trials,
                Seed = trial.Seed,
                Device = body.DeviceUsed,
                Samples = body.Samples,
                History = body.History,
                Metrics = body.Metrics,
                Status = decision.Status,
                Budget = trial.Budget?.ToString(),
                Message = decision.Message,
                Extra = Extras(run, measurement),
            },
            account,
            run.Emissions.Settings,
            run.Emissions.Intensity,
            run.Host);

    private static string? Persist(EnergyRun run, TrialCase trial, ResultRow row, ITrialOutput output)
    {
        try
        {
            run.Sinks.Append(row);
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ResultSinkException or ResultsFolderException or ResultsFileFormatException)
        {
            // Nothing measured is lost: the whole row goes to the test output, and the case fails with the reason.
            output.WriteLine("[energy] results could not be written; the row follows as JSON:");
            output.WriteLine(JsonSerializer.Serialize(ResultColumns.All.ToDictionary(c => c.Name, c => c.FormatValue(row))));
            return $"The result of {trial.DisplayName} could not be written to {run.Settings.ResultsDirectory}: {ex.Message}";
        }
    }

    private static void Report(ITrialOutput output, TrialCase trial, ResultRow row, EnergyMeasurement measurement, string measuredBy, TrialDecision decision)
    {
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"[energy] {trial.DisplayName} trial {trial.Trial}/{trial.Trials}: {row.EnergyJoules:G6} J, {row.EnergyConsumedKilowattHours:G6} kWh (PUE {row.Pue}), {row.EmissionsKilograms:G4} kg CO2eq at {row.CarbonIntensityGramsPerKilowattHour:G4} g/kWh ({row.CountryName}) over {row.DurationSeconds:F3} s; {measuredBy}; {row.SampleCount} samples, sampler CPU {row.SamplerCpuSeconds * 1000:F2} ms; status {decision.Status.ToResultText()}"));
        if (row.Statistics is { } stats)
        {
            output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"[energy] {trial.DisplayName} over {stats.Count} trials: energy mean {stats.EnergyJoules.Mean:G6} J, sd {stats.EnergyJoules.StandardDeviation:G4} J, 95% CI [{stats.EnergyJoules.ConfidenceLow:G6}, {stats.EnergyJoules.ConfidenceHigh:G6}] J"));
        }

        if (row.Extra?.GetValueOrDefault("dynamic_energy_j") is { } dynamicJoules)
        {
            output.WriteLine($"[energy] above idle: {dynamicJoules} J (total minus idle power × duration, PUE not applied)");
        }

        foreach (var warning in measurement.Warnings)
        {
            output.WriteLine("[energy] warning: " + warning);
        }

        foreach (var note in decision.Notes)
        {
            output.WriteLine("[energy] " + note);
        }
    }

    // How each probe got its number (e.g. which TDP the cpu-model estimate used), and the idle baseline when measured.
    private static Dictionary<string, string> Extras(EnergyRun run, EnergyMeasurement measurement)
    {
        var extra = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var probe in run.Probes.Probes)
        {
            extra["probe." + probe.Descriptor.Id] = probe.Descriptor.Legend;
        }

        foreach (var setting in run.Settings.Provenance)
        {
            extra[$"setting.{setting.Key}"] = $"{setting.Value} ({setting.Source})";
        }

        if (run.Idle is { } idle)
        {
            AddAboveIdle(extra, idle, measurement);
        }

        return extra;
    }

    // Total energy minus idle power × duration, per component; negative values are kept, not hidden.
    private static void AddAboveIdle(Dictionary<string, string> extra, IdleBaseline idle, EnergyMeasurement measurement)
    {
        var dynamic = Joules.Zero;
        foreach (var component in measurement.Components)
        {
            var name = component.Component.ToString().ToLowerInvariant();
            var above = idle.DynamicEnergy(component.Component, component.Energy, measurement.Duration);
            dynamic += above;
            extra[$"idle_{name}_power_w"] = idle.PowerOf(component.Component).Value.ToString("R", CultureInfo.InvariantCulture);
            extra[$"dynamic_{name}_energy_j"] = above.Value.ToString("R", CultureInfo.InvariantCulture);
        }

        extra["dynamic_energy_j"] = dynamic.Value.ToString("R", CultureInfo.InvariantCulture);
    }

    private static ResultRow WithTrialStatistics(EnergyRun run, TrialCase trial, ResultRow row)
    {
        if (trial.Trials == 1)
        {
            return row;
        }

        var rows = run.TrialRows.GetOrAdd(trial.CaseId, _ => []);
        lock (rows)
        {
            rows.Add(row);
            return trial.Trial == trial.Trials && rows.Count > 1
                ? row with { Statistics = TrialStatistics.Of(rows.Select(r => r.ToObservation())) }
                : row;
        }
    }
}
