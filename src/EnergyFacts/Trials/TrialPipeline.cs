using System.Globalization;
using System.Text.Json;
using EnergyFacts.Accounting;
using EnergyFacts.Gates;
using EnergyFacts.Measurement;
using EnergyFacts.Probes;
using EnergyFacts.Probes.Idle;
using EnergyFacts.Results;

namespace EnergyFacts.Trials;

/// <summary>What became of a trial: its row, and the failures the test must report.</summary>
/// <param name="Row">The row, as written (or as printed when it could not be written).</param>
/// <param name="BudgetFailure">The over-budget message, when the trial spent too much.</param>
/// <param name="SinkFailure">Why the row could not be written, when it could not.</param>
internal sealed record TrialResult(ResultRow Row, string? BudgetFailure, string? SinkFailure)
{
    /// <summary>Why the trial fails although its body passed: the device it asked for was not used.</summary>
    public string? EvidenceFailure { get; init; }

    /// <summary>The regression gate's failure message (regressed, or a case it cannot judge and must fail).</summary>
    public string? GateFailure { get; init; }

    /// <summary>Whether the gate asks for one more trial of the case (inconclusive, extra trials left, every trial passed).</summary>
    public bool ExtraTrialWanted { get; init; }
}

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
        var row = BuildRow(run, trial, body, measurement, account, decision) with
        {
            AboveIdle = run.Idle is { } idle ? AboveIdleEnergy.Of(idle, measurement) : null,
            Settings = run.Settings.Provenance,
            ProbeLegends = [.. run.Probes.Probes.Select(p => new ProbeLegend(p.Descriptor.Id, p.Descriptor.Legend))],
            Efficiency = Metrics.RowEfficiency.Of(
                account.FacilityEnergy, measurement.Duration, body.Samples, PerformanceOf(body, run.Settings.RowMetrics.Performance), run.Settings.RowMetrics),
        };
        var caseRows = CaseRows(run, trial, row);
        string? gateFailure = null;
        var extraTrialWanted = false;
        if (trial.IsJudged)
        {
            row = row with { Training = TrialTrainingMetrics.Of(body.History, body.Metrics, account.FacilityEnergy, run.Settings.RowMetrics) };
            if (caseRows.Count > 1)
            {
                row = row with { Statistics = TrialStatistics.Of(caseRows.Select(r => r.ToObservation())) };
            }

            (row, gateFailure, extraTrialWanted) = Gate(run, trial, caseRows, row);
            run.RecordExtraTrialWanted(trial.CaseId, extraTrialWanted);
        }

        row = WithPowerTrace(run, row, output);
        Report(output, trial, row, measurement, measuredBy, decision);
        if (extraTrialWanted)
        {
            output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"[energy] {trial.DisplayName}: inconclusive after {caseRows.Count} trials; running extra trial {trial.ExtraTrial + 1} of at most {run.Settings.Gates.MaxExtraTrials} (--energy-max-extra-trials)"));
        }

        var sinkFailure = Persist(run, trial, row, output);
        return new TrialResult(row, decision.BudgetFailure, sinkFailure) { EvidenceFailure = decision.EvidenceFailure, GateFailure = gateFailure, ExtraTrialWanted = extraTrialWanted };
    }

    /// <summary>Who measured each component, from the measurement itself.</summary>
    public static string MeasuredBy(EnergyMeasurement measurement) =>
        string.Join("; ", measurement.Components.Select(c =>
            $"{FileTokens.Of(c.Component)}: {(c.ProbeIds.Count == 0 ? "no probe" : string.Join('+', c.ProbeIds))} ({FileTokens.SourceOf(c)})"));

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
                // An extra trial n + k makes the case's trials so far n + k.
                Trials = Math.Max(trial.Trial, trial.Trials),
                Seed = trial.Seed,
                Device = body.DeviceUsed,
                Samples = body.Samples,
                History = body.History,
                Metrics = body.Metrics,
                Forecasts = body.Forecasts,
                IntraOpThreads = body.IntraOpThreads,
                InterOpThreads = body.InterOpThreads,
                Status = decision.Status,
                Budget = trial.Budget?.ToString(),
                Message = decision.Message,
            },
            account,
            run.Host) with
        {
            Preparation = body.Preparation,
        };

    // The trace file first, so the row can name it; a trace that cannot be written never costs the row (a warning says why).
    private static ResultRow WithPowerTrace(EnergyRun run, ResultRow row, ITrialOutput output)
    {
        if (row.Measurement.Trace is null)
        {
            return row;
        }

        try
        {
            return row with { PowerTrace = PowerTraceFile.Write(run.Settings.ResultsDirectory, row) };
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            var warning = $"The power trace could not be written to {Path.Combine(run.Settings.ResultsDirectory, PowerTraceFile.FolderName)}: {ex.Message}";
            output.WriteLine("[energy] " + warning);
            return row with { Measurement = row.Measurement with { Warnings = [.. row.Measurement.Warnings, warning] } };
        }
    }

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
            $"[energy] {trial.DisplayName} trial {trial.Trial}/{trial.Trials}: {row.EnergyWithPue.Value:G6} J, {row.Account.EnergyConsumed.Value:G6} kWh (PUE {row.Account.Pue}), {row.Account.Emissions.Value:G4} kg CO2eq at {row.Account.Intensity.GramsPerKilowattHour:G4} g/kWh ({row.Account.Intensity.CountryName}) over {measurement.Duration.TotalSeconds:F3} s; {measuredBy}; {measurement.SampleCount} samples, sampler CPU {measurement.SamplerCpuTime.TotalMilliseconds:F2} ms; status {FileTokens.Of(decision.Status)}"));
        if (row.Statistics is { } stats)
        {
            output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"[energy] {trial.DisplayName} over {stats.Count} trials: energy mean {stats.EnergyJoules.Mean:G6} J, sd {stats.EnergyJoules.StandardDeviation:G4} J, 95% CI [{stats.EnergyJoules.ConfidenceLow:G6}, {stats.EnergyJoules.ConfidenceHigh:G6}] J"));
        }

        if (row.AboveIdle is { } aboveIdle)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[energy] above idle: {aboveIdle.Total.Value:R} J (total minus idle power × duration, PUE not applied)"));
        }

        foreach (var warning in measurement.Warnings)
        {
            output.WriteLine("[energy] warning: " + warning);
        }

        foreach (var note in decision.Notes)
        {
            output.WriteLine("[energy] " + note);
        }

        if (row.Gate is { } gate)
        {
            output.WriteLine("[energy] gate: " + gate.Message);
        }
    }

    // APC's performance figure: the last epoch's top-1, or the reported metric the settings name.
    private static double? PerformanceOf(TrialBody body, string performance) =>
        performance == "top1"
            ? (body.History.Count > 0 ? body.History[^1].EvalTop1 : null)
            : body.Metrics.FirstOrDefault(m => m.Name == performance)?.Value;

    // The case's rows so far, this one last (kept when the case has several trials or the gate needs them).
    private static List<ResultRow> CaseRows(EnergyRun run, TrialCase trial, ResultRow row)
    {
        if (trial.Trials == 1 && trial.ExtraTrial == 0)
        {
            return [row];
        }

        var rows = run.TrialRows.GetOrAdd(trial.CaseId, _ => []);
        lock (rows)
        {
            rows.Add(row);
            return [.. rows];
        }
    }

    // The decide step of the regression gate, on the case's last trial. A case that did not pass every trial is not
    // judged (it already fails) and never enters a baseline; a baseline that cannot be read fails the case, keeping its row.
    private static (ResultRow Row, string? Failure, bool ExtraTrialWanted) Gate(EnergyRun run, TrialCase trial, List<ResultRow> caseRows, ResultRow row)
    {
        if (!run.Settings.Gates.IsEnabled)
        {
            return (row, null, false);
        }

        if (caseRows.Any(r => r.Outcome.Status != ExperimentStatus.Passed))
        {
            // An extra trial that failed, was cancelled or timed out takes the case out of the baseline it entered
            // with its planned trials: a case that did not pass every trial never enters a baseline.
            run.ForgetForBaseline(CaseGate.KeyOf(trial));
            return (row, null, false);
        }

        CaseMeasurement current;
        CaseVerdict verdict;
        try
        {
            current = CaseGate.Measure(trial, [.. caseRows.Take(caseRows.Count - 1), row]);
            verdict = CaseGate.Decide(run, current) with { ExtraTrials = trial.ExtraTrial };
        }
#pragma warning disable CA1031 // Whatever the gate cannot do, the trial's row is still written, with the reason, and the case fails.
        catch (Exception e)
#pragma warning restore CA1031
        {
            var message = $"The regression gate could not judge {trial.DisplayName}: {e.Message}";
            return (row with { Outcome = row.Outcome with { Status = ExperimentStatus.Error, Message = message } }, message, false);
        }

        run.RecordForBaseline(current);

        // Pinpoint-style follow-up: an inconclusive verdict on trials that all passed asks for one more trial, up to
        // --energy-max-extra-trials, and fails (with --energy-fail-inconclusive) only when no extra trial is left.
        var gates = run.Settings.Gates;
        var extraTrialWanted = RegressionGate.ExtraTrialsWanted(verdict, gates, trial.ExtraTrial) > 0;
        if (extraTrialWanted && verdict.Fails)
        {
            verdict = verdict with
            {
                Fails = false,
                Reason = verdict.Reason + string.Create(CultureInfo.InvariantCulture, $" Not failed yet: extra trial {trial.ExtraTrial + 1} of at most {gates.MaxExtraTrials} follows."),
            };
        }

        var outcome = verdict.Fails
            ? row.Outcome with { Status = ExperimentStatus.Regressed, Message = verdict.Message }
            : row.Outcome;
        return (row with { Gate = verdict, Outcome = outcome }, verdict.Fails ? verdict.Message : null, extraTrialWanted);
    }
}
