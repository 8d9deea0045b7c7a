using System.Globalization;
using EnergyFacts.Measurement;
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
        var settings = EnergyRunState.Current.RequireSettings();
        var state = TestContext.Current.TestState;
        var bodyStatus = state?.Result switch
        {
            TestResult.Failed when state.FailureCause == FailureCause.Assertion => ExperimentStatus.Failed,
            TestResult.Failed => ExperimentStatus.Error,
            _ => ExperimentStatus.Passed,
        };

        var consumed = new KilowattHours(measurement.TotalEnergy.ToKilowattHours().Value * settings.Pue);
        var kgCo2 = double.NaN; // TODO(results merge): carbon intensity from the accounting tables.
        var verdict = BudgetVerdict.Decide(budget, new BudgetSpend(consumed, measurement.Duration, kgCo2, context.Samples, measuredBy));
        var status = bodyStatus == ExperimentStatus.Passed && !verdict.WithinBudget ? ExperimentStatus.OverBudget : bodyStatus;

        var output = TestContext.Current.TestOutputHelper;
        output?.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"[energy] {context.CaseDisplayName} trial {context.Trial}/{context.Trials}: {measurement.TotalEnergy.Value:G6} J = {consumed.Value:G6} kWh (PUE {settings.Pue}) over {measurement.Duration.TotalSeconds:F3} s; {measuredBy}; {measurement.SampleCount} samples, sampler CPU {measurement.SamplerCpuTime.TotalMilliseconds:F2} ms; status {status}"));
        if (verdict.Note is not null)
        {
            output?.WriteLine("[energy] " + verdict.Note);
        }

        var budgetFailure = status == ExperimentStatus.OverBudget ? verdict.Describe(context.CaseDisplayName, measuredBy) : null;
        return new Outcome(budgetFailure, null);
    }
}
