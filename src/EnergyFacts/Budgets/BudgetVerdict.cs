using System.Globalization;
using EnergyFacts.Accounting;

namespace EnergyFacts;

/// <summary>What one trial spent, in the units its budget limits: energy and energy per sample with the PUE applied.</summary>
/// <param name="EnergyConsumed">Energy, PUE included (the <c>energy_consumed</c> column).</param>
/// <param name="Duration">Length of the measured window.</param>
/// <param name="Emissions">Emissions.</param>
/// <param name="Samples">Samples the experiment reported.</param>
/// <param name="MeasuredBy">Who measured each component, for messages.</param>
internal sealed record BudgetSpend(KilowattHours EnergyConsumed, TimeSpan Duration, KilogramsCo2e Emissions, long Samples, string MeasuredBy);

/// <summary>One limit a trial went over.</summary>
/// <param name="Limit">The attribute property, e.g. <c>MaxKilowattHours</c>.</param>
/// <param name="Allowed">The limit, in <paramref name="Unit"/>.</param>
/// <param name="Measured">What was spent, in <paramref name="Unit"/>.</param>
/// <param name="Unit">E.g. <c>kWh</c>.</param>
internal sealed record BudgetViolation(string Limit, double Allowed, double Measured, string Unit);

/// <summary>Whether a trial stayed within its budget, and every limit it went over.</summary>
/// <param name="Budget">The budget, or <see langword="null"/> when none applied.</param>
/// <param name="Violations">The limits exceeded.</param>
/// <param name="Note">A limit that could not be checked, and why.</param>
internal sealed record BudgetVerdict(EnergyBudget? Budget, IReadOnlyList<BudgetViolation> Violations, string? Note)
{
    /// <summary>Whether no limit was exceeded.</summary>
    public bool WithinBudget => Violations.Count == 0;

    /// <summary>Checks every limit of <paramref name="budget"/> against <paramref name="spend"/>.</summary>
    public static BudgetVerdict Decide(EnergyBudget? budget, BudgetSpend spend)
    {
        ArgumentNullException.ThrowIfNull(spend);
        if (budget is null)
        {
            return new BudgetVerdict(null, [], null);
        }

        var violations = new List<BudgetViolation>();
        string? note = null;
        if (budget.MaxEnergy is { } maxEnergy && spend.EnergyConsumed > maxEnergy)
        {
            violations.Add(new(nameof(EnergyBudgetAttribute.MaxKilowattHours), maxEnergy.Value, spend.EnergyConsumed.Value, "kWh"));
        }

        if (budget.MaxDuration is { } maxDuration && spend.Duration > maxDuration)
        {
            violations.Add(new(nameof(EnergyBudgetAttribute.MaxSeconds), maxDuration.TotalSeconds, spend.Duration.TotalSeconds, "s"));
        }

        if (budget.MaxEmissions is { } maxEmissions && spend.Emissions > maxEmissions)
        {
            violations.Add(new(nameof(EnergyBudgetAttribute.MaxKgCo2), maxEmissions.Value, spend.Emissions.Value, "kg CO2eq"));
        }

        if (budget.MaxEnergyPerSample is { } maxPerSample)
        {
            if (spend.Samples <= 0)
            {
                note = "MaxJoulesPerSample was not checked: the experiment reported no samples (call ExperimentContext.AddSamples).";
            }
            else if (spend.EnergyConsumed.ToJoules().Value / spend.Samples is var perSample && perSample > maxPerSample.Value)
            {
                violations.Add(new(nameof(EnergyBudgetAttribute.MaxJoulesPerSample), maxPerSample.Value, perSample, "J/sample"));
            }
        }

        return new BudgetVerdict(budget, violations, note);
    }

    /// <summary>The failure message: each limit exceeded, by how much, and who measured.</summary>
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
