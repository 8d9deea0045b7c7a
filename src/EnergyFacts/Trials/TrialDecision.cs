using EnergyFacts.Accounting;
using EnergyFacts.Measurement;
using EnergyFacts.Results;

namespace EnergyFacts.Trials;

/// <summary>
/// The decide step: a trial's status from how its body ended and what it spent. Only a body that passed can be over
/// budget; a failed, cancelled or timed-out body keeps its own status, and so never passes a budget. A component whose
/// every reading failed (faults and no energy) is unmeasured: a trial with an energy limit then fails as <c>unmeasured</c>.
/// </summary>
/// <param name="Status">The trial's status.</param>
/// <param name="Message">The row's message (budget, failure, or a budget note).</param>
/// <param name="BudgetFailure">The over-budget text the test fails with, when over budget.</param>
/// <param name="Notes">Lines for the test output.</param>
internal sealed record TrialDecision(ExperimentStatus Status, string? Message, string? BudgetFailure, IReadOnlyList<string> Notes)
{
    /// <summary>
    /// Why the trial fails although its body passed: its figures are not the evidence the case stands for (CUDA was
    /// asked for and not used, or an epoch reported a NaN or infinite loss, so the run diverged).
    /// </summary>
    public string? EvidenceFailure { get; init; }

    public static TrialDecision Decide(TrialCase trial, TrialBody body, EmissionsAccount account, EnergyMeasurement measurement, string measuredBy)
    {
        ArgumentNullException.ThrowIfNull(trial);
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(measurement);
        var verdict = BudgetVerdict.Decide(
            trial.Budget, new BudgetSpend(account.EnergyConsumed, measurement.Duration, account.Emissions, body.Samples, measuredBy));
        var unmeasured = trial.Budget is { } budget && (budget.MaxEnergy is not null || budget.MaxEmissions is not null || budget.MaxEnergyPerSample is not null)
            ? measurement.Components.Where(c => c.ProbeIds.Count > 0 && c.Faults > 0 && c.Energy.Value == 0).ToList()
            : [];
        var evidenceFailure = body.Status == ExperimentStatus.Passed ? DeviceFailure(trial, body) ?? DivergenceFailure(trial, body) : null;
        var status = body.Status != ExperimentStatus.Passed ? body.Status
            : evidenceFailure is not null ? ExperimentStatus.Failed
            : unmeasured.Count > 0 ? ExperimentStatus.Unmeasured
            : !verdict.WithinBudget ? ExperimentStatus.OverBudget
            : ExperimentStatus.Passed;
        var budgetFailure = status switch
        {
            ExperimentStatus.OverBudget => verdict.Describe(trial.DisplayName, measuredBy),

            // Every reading of a component failed: its energy of 0 is no measurement, and a budget cannot pass on it.
            ExperimentStatus.Unmeasured => $"{trial.DisplayName} was not measured, so its energy budget cannot be checked: every reading of "
                + string.Join(", ", unmeasured.Select(c => $"{FileTokens.Of(c.Component)} ({string.Join('+', c.ProbeIds)}, {c.Faults} failed reads)"))
                + $" failed. Measured by: {measuredBy}.",
            _ => null,
        };
        // A budget judged on partial readings says so: what it judged is what was measured, and how much time was not.
        var partial = trial.Budget is { MaxEnergy: not null } or { MaxEmissions: not null } or { MaxEnergyPerSample: not null }
            ? measurement.Components.Where(c => c.Partial && c.Energy.Value > 0).ToList()
            : [];
        var partialNote = partial.Count == 0 ? null
            : "The energy budget judged only what was measured: " + string.Join("; ", partial.Select(c => string.Create(
                System.Globalization.CultureInfo.InvariantCulture,
                $"{FileTokens.Of(c.Component)} missed {c.Faults} readings, {c.UncoveredTime.TotalSeconds:0.###} s of {measurement.Duration.TotalSeconds:0.###} s not covered"))) + ".";
        if (partialNote is not null && budgetFailure is not null)
        {
            budgetFailure += " " + partialNote;
        }

        var notes = new List<string>();
        if (verdict.Note is not null)
        {
            notes.Add(verdict.Note);
        }

        if (partialNote is not null)
        {
            notes.Add(partialNote);
        }

        return new TrialDecision(status, evidenceFailure ?? budgetFailure ?? body.Message ?? verdict.Note ?? partialNote, budgetFailure, notes)
        {
            EvidenceFailure = evidenceFailure,
        };
    }

    // Figures of a CPU run labelled as the CUDA run the case asked for would be wrong evidence: fail, say why.
    private static string? DeviceFailure(TrialCase trial, TrialBody body) =>
        trial.RequestedDevice.StartsWith("cuda", StringComparison.Ordinal) && !body.DeviceUsed.StartsWith("cuda", StringComparison.Ordinal)
            ? $"{trial.DisplayName} asked for Device = \"{trial.RequestedDevice}\", but the experiment reported device '{body.DeviceUsed}' "
              + "(ExperimentContext.UseDevice), so CUDA was not used and these figures are not a CUDA run's. Check that a CUDA-enabled "
              + "libtorch (--energy-libtorch-dir) and a GPU are present, or ask for Device = \"auto\" or \"cpu\"."
            : null;

    // A loss that is NaN or infinite means the arithmetic broke: the accuracy and the energy per sample that follow describe
    // no trained model, whatever training loop reported them (EnergyFacts.Torch's TrainingRun already stops there).
    private static string? DivergenceFailure(TrialCase trial, TrialBody body)
    {
        var diverged = body.History.FirstOrDefault(e => (e.TrainLoss is { } t && !double.IsFinite(t)) || (e.EvalLoss is { } v && !double.IsFinite(v)));
        return diverged is null ? null : string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{trial.DisplayName} diverged: epoch {diverged.Epoch} reported training loss {diverged.TrainLoss} and evaluation loss "
            + $"{diverged.EvalLoss}, so its figures describe no trained model and the trial cannot pass. Its energy is still recorded.");
    }
}
