using EnergyFacts.Accounting;
using EnergyFacts.Measurement;
using EnergyFacts.Results;

namespace EnergyFacts.Trials;

/// <summary>
/// The decide step: a trial's status from how its body ended and what it spent. Only a body that passed can be over
/// budget; a failed, cancelled or timed-out body keeps its own status, and so never passes a budget.
/// </summary>
/// <param name="Status">The trial's status.</param>
/// <param name="Message">The row's message (budget, failure, or a budget note).</param>
/// <param name="BudgetFailure">The over-budget text the test fails with, when over budget.</param>
/// <param name="Notes">Lines for the test output.</param>
internal sealed record TrialDecision(ExperimentStatus Status, string? Message, string? BudgetFailure, IReadOnlyList<string> Notes)
{
    public static TrialDecision Decide(TrialCase trial, TrialBody body, EmissionsAccount account, EnergyMeasurement measurement, string measuredBy)
    {
        ArgumentNullException.ThrowIfNull(trial);
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(measurement);
        var verdict = BudgetVerdict.Decide(
            trial.Budget, new BudgetSpend(account.EnergyConsumed, measurement.Duration, account.Emissions, body.Samples, measuredBy));
        var status = body.Status == ExperimentStatus.Passed && !verdict.WithinBudget ? ExperimentStatus.OverBudget : body.Status;
        var budgetFailure = status == ExperimentStatus.OverBudget ? verdict.Describe(trial.DisplayName, measuredBy) : null;
        return new TrialDecision(status, budgetFailure ?? body.Message ?? verdict.Note, budgetFailure, verdict.Note is null ? [] : [verdict.Note]);
    }
}
