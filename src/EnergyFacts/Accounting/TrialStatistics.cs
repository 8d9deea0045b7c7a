namespace EnergyFacts.Accounting;

/// <summary>One trial's figures, as <see cref="TrialStatistics"/> aggregates them.</summary>
/// <param name="Energy">Facility energy of the trial (PUE included, like <c>energy_consumed</c>).</param>
/// <param name="Duration">Duration of the trial.</param>
/// <param name="Emissions">Emissions of the trial.</param>
internal readonly record struct TrialObservation(Joules Energy, TimeSpan Duration, KilogramsCo2e Emissions)
{
    /// <summary>The observation of an accounted trial.</summary>
    public static TrialObservation From(EmissionsAccount account)
    {
        ArgumentNullException.ThrowIfNull(account);
        return new(account.FacilityEnergy, account.Duration, account.Emissions);
    }
}

/// <summary>Mean and spread of energy, duration and emissions over the trials of one experiment case.</summary>
/// <param name="Count">Number of trials.</param>
/// <param name="EnergyJoules">Facility energy in joules.</param>
/// <param name="DurationSeconds">Duration in seconds.</param>
/// <param name="EmissionsKilograms">Emissions in kg CO2eq.</param>
internal sealed record TrialStatistics(
    int Count,
    QuantityStatistics EnergyJoules,
    QuantityStatistics DurationSeconds,
    QuantityStatistics EmissionsKilograms)
{
    /// <summary>Computes the statistics of the given trials.</summary>
    /// <param name="trials">At least one trial.</param>
    /// <param name="confidenceLevel">Two-sided confidence level for the intervals; 0.95 by default.</param>
    public static TrialStatistics Of(IEnumerable<TrialObservation> trials, double confidenceLevel = 0.95)
    {
        ArgumentNullException.ThrowIfNull(trials);
        var list = trials.ToList();
        return new TrialStatistics(
            list.Count,
            QuantityStatistics.Of([.. list.Select(t => t.Energy.Value)], confidenceLevel),
            QuantityStatistics.Of([.. list.Select(t => t.Duration.TotalSeconds)], confidenceLevel),
            QuantityStatistics.Of([.. list.Select(t => t.Emissions.Value)], confidenceLevel));
    }
}
