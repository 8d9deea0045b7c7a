using System.Globalization;
using System.Text.Json;
using EnergyFacts.Measurement;
using EnergyFacts.Probes;
using EnergyFacts.Probes.Idle;
using EnergyFacts.Results;
using Xunit;
using Xunit.Sdk;

namespace EnergyFacts.Framework;

/// <summary>Turns a finished trial into its verdict, its result row and its lines of test output.</summary>
internal static class ExperimentRecorder
{
    public sealed record Outcome(string? BudgetFailure, string? SinkFailure);

    public static Outcome Record(ExperimentContext context, EnergyMeasurement measurement, EnergyBudget? budget, string measuredBy)
    {
        var state = EnergyRunState.Current;
        var settings = state.RequireSettings();
        var testState = TestContext.Current.TestState;
        var bodyStatus = testState?.Result switch
        {
            TestResult.Failed when testState.FailureCause == FailureCause.Assertion => ExperimentStatus.Failed,
            TestResult.Failed => ExperimentStatus.Error,
            _ => ExperimentStatus.Passed,
        };

        var account = state.Emissions.Account(measurement);
        var verdict = BudgetVerdict.Decide(
            budget, new BudgetSpend(account.EnergyConsumed, measurement.Duration, account.Emissions.Value, context.Samples, measuredBy));
        var status = bodyStatus == ExperimentStatus.Passed && !verdict.WithinBudget ? ExperimentStatus.OverBudget : bodyStatus;
        var budgetFailure = status == ExperimentStatus.OverBudget ? verdict.Describe(context.CaseDisplayName, measuredBy) : null;
        var message = budgetFailure ?? FirstException(testState) ?? verdict.Note;

        var row = ResultRowFactory.Create(
            measurement,
            new ExperimentOutcome
            {
                ProjectName = settings.ProjectName,
                RunId = state.RunId,
                ExperimentId = context.CaseId,
                ExperimentName = context.CaseDisplayName,
                Model = context.Model,
                Dataset = context.Dataset,
                Epochs = context.Epochs,
                BatchSize = context.Batch,
                Trial = context.Trial,
                Trials = context.Trials,
                Seed = context.Definition.Seed,
                Device = context.DeviceUsed,
                Samples = context.Samples,
                History = context.History,
                Status = status,
                Budget = budget?.ToString(),
                Message = message,
                Extra = Extras(state, measurement),
            },
            state.Emissions.Settings,
            state.Emissions.Intensity,
            state.Host);
        row = WithTrialStatistics(state, context, row);

        var output = TestContext.Current.TestOutputHelper;
        output?.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"[energy] {context.CaseDisplayName} trial {context.Trial}/{context.Trials}: {row.EnergyJoules:G6} J, {row.EnergyConsumedKilowattHours:G6} kWh (PUE {row.Pue}), {row.EmissionsKilograms:G4} kg CO2eq at {row.CarbonIntensityGramsPerKilowattHour:G4} g/kWh ({row.CountryName}) over {row.DurationSeconds:F3} s; {measuredBy}; {row.SampleCount} samples, sampler CPU {row.SamplerCpuSeconds * 1000:F2} ms; status {status.ToResultText()}"));
        if (row.Statistics is { } stats)
        {
            output?.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"[energy] {context.CaseDisplayName} over {stats.Count} trials: energy mean {stats.EnergyJoules.Mean:G6} J, sd {stats.EnergyJoules.StandardDeviation:G4} J, 95% CI [{stats.EnergyJoules.ConfidenceLow:G6}, {stats.EnergyJoules.ConfidenceHigh:G6}] J"));
        }

        if (row.Extra?.GetValueOrDefault("dynamic_energy_j") is { } dynamicJoules)
        {
            output?.WriteLine($"[energy] above idle: {dynamicJoules} J (total minus idle power × duration, PUE not applied)");
        }

        foreach (var warning in measurement.Warnings)
        {
            output?.WriteLine("[energy] warning: " + warning);
        }

        if (verdict.Note is not null)
        {
            output?.WriteLine("[energy] " + verdict.Note);
        }

        string? sinkFailure = null;
        try
        {
            state.Sinks.Append(row);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ResultSinkException or ResultsFolderException or ResultsFileFormatException)
        {
            // Nothing measured is lost: the whole row goes to the test output, and the case fails with the reason.
            output?.WriteLine("[energy] results could not be written; the row follows as JSON:");
            output?.WriteLine(JsonSerializer.Serialize(ResultColumns.All.ToDictionary(c => c.Name, c => c.FormatValue(row))));
            sinkFailure = $"The result of {context.CaseDisplayName} could not be written to {settings.ResultsDirectory}: {ex.Message}";
        }

        return new Outcome(budgetFailure, sinkFailure);
    }

    // How each probe got its number (e.g. which TDP the cpu-model estimate used), and the idle baseline when measured.
    private static Dictionary<string, string> Extras(EnergyRunState state, EnergyMeasurement measurement)
    {
        var extra = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var probe in state.Probes.Probes)
        {
            extra["probe." + probe.Descriptor.Id] = probe.Descriptor.Legend;
        }

        if (state.Idle is { } idle)
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

    private static ResultRow WithTrialStatistics(EnergyRunState state, ExperimentContext context, ResultRow row)
    {
        if (context.Trials == 1)
        {
            return row;
        }

        var rows = state.TrialRows.GetOrAdd(context.CaseId, _ => []);
        lock (rows)
        {
            rows.Add(row);
            return context.Trial == context.Trials && rows.Count > 1
                ? row with { Statistics = Accounting.TrialStatistics.Of(rows.Select(r => r.ToObservation())) }
                : row;
        }
    }

    private static string? FirstException(TestResultState? state) =>
        state?.ExceptionMessages is { Length: > 0 } messages
            ? $"{state.ExceptionTypes?.FirstOrDefault()}: {messages[0]}"
            : null;
}
