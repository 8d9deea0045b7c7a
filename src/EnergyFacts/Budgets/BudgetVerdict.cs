using System.Globalization;

namespace EnergyFacts;

/// <summary>What an experiment spent, in the units budgets are written in.</summary>
/// <param name="EnergyConsumed">Energy, PUE included.</param>
/// <param name="Duration">Measured duration.</param>
/// <param name="KgCo2">Emissions in kg CO2eq.</param>
/// <param name="Samples">Samples processed (0 when the experiment did not report any).</param>
/// <param name="MeasuredBy">Which probes measured it and how (e.g. <c>cpu: cpu-model (estimated); ram: ram-model (estimated)</c>).</param>
public sealed record BudgetSpend(KilowattHours EnergyConsumed, TimeSpan Duration, double KgCo2, long Samples, string MeasuredBy);

/// <summary>One exceeded limit.</summary>
/// <param name="Limit">The limit's name, e.g. <c>MaxKilowattHours</c>.</param>
/// <param name="Allowed">The limit.</param>
/// <param name="Measured">What was measured.</param>
/// <param name="Unit">The unit both are in.</param>
public sealed record BudgetViolation(string Limit, double Allowed, double Measured, string Unit);

/// <summary>The decision for one experiment against its budget.</summary>
public sealed record BudgetVerdict(EnergyBudget? Budget, IReadOnlyList<BudgetViolation> Violations, string? Note)
{
    /// <summary>True when no limit was exceeded.</summary>
    public bool WithinBudget => Violations.Count == 0;

    /// <summary>Decides the verdict.</summary>
    public static BudgetVerdict Decide(EnergyBudget? budget, BudgetSpend spend)
    {
        ArgumentNullException.ThrowIfNull(spend);
        if (budget is null)
        {
            return new BudgetVerdict(null, [], null);
        }

        var violations = new List<BudgetViolation>();
        string? note = null;
        foreach (var (name, limit, unit) in budget.Limits)
        {
            double? measured = name switch
            {
                nameof(EnergyBudget.MaxKilowattHours) => spend.EnergyConsumed.Value,
                nameof(EnergyBudget.MaxSeconds) => spend.Duration.TotalSeconds,
                nameof(EnergyBudget.MaxKgCo2) => spend.KgCo2,
                nameof(EnergyBudget.MaxJoulesPerSample) when spend.Samples > 0 =>
                    spend.EnergyConsumed.ToJoules().Value / spend.Samples,
                _ => null,
            };

            if (measured is null)
            {
                note = "MaxJoulesPerSample was not checked: the experiment reported no samples (call ExperimentContext.AddSamples).";
                continue;
            }

            if (measured.Value > limit)
            {
                violations.Add(new BudgetViolation(name, limit, measured.Value, unit));
            }
        }

        return new BudgetVerdict(budget, violations, note);
    }

    /// <summary>The failure message: each exceeded limit with the measured value, its unit, and the probes that measured it.</summary>
    public string Describe(string experimentName, string measuredBy)
    {
        var lines = Violations.Select(v => string.Create(
            CultureInfo.InvariantCulture,
            $"  {v.Limit} = {v.Allowed:G6} {v.Unit}, measured {v.Measured:G6} {v.Unit} ({v.Measured / v.Allowed:P0} of budget)"));
        return $"Energy budget exceeded for {experimentName} (budget on {Budget?.Origin}):{Environment.NewLine}"
            + string.Join(Environment.NewLine, lines) + Environment.NewLine
            + $"  measured by: {measuredBy}";
    }
}
