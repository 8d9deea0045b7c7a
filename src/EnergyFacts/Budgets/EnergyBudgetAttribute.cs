namespace EnergyFacts;

/// <summary>
/// Limits what an experiment may spend. On a method, class or assembly; the nearest one wins (method over class over
/// assembly). A case over any limit fails as an assertion, and <c>dotnet test</c> exits non-zero.
/// </summary>
/// <example><code>[EnergyBudget(MaxKilowattHours = 0.002, MaxSeconds = 120)]</code></example>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class | AttributeTargets.Assembly, AllowMultiple = false, Inherited = true)]
public sealed class EnergyBudgetAttribute : Attribute
{
    private double? maxKilowattHours;
    private double? maxSeconds;
    private double? maxKgCo2;
    private double? maxJoulesPerSample;

    /// <summary>Most energy allowed, in kWh, PUE included (the <c>energy_consumed</c> column).</summary>
    public double MaxKilowattHours { get => maxKilowattHours ?? double.NaN; set => maxKilowattHours = value; }

    /// <summary>Longest measured duration allowed, in seconds.</summary>
    public double MaxSeconds { get => maxSeconds ?? double.NaN; set => maxSeconds = value; }

    /// <summary>Most emissions allowed, in kg CO2eq.</summary>
    public double MaxKgCo2 { get => maxKgCo2 ?? double.NaN; set => maxKgCo2 = value; }

    /// <summary>Most energy per processed sample allowed, in joules (PUE included); needs the experiment to report samples.</summary>
    public double MaxJoulesPerSample { get => maxJoulesPerSample ?? double.NaN; set => maxJoulesPerSample = value; }

    /// <summary>The limits that were set, without validation.</summary>
    internal EnergyBudget ToBudget(string origin) =>
        new(origin, maxKilowattHours, maxSeconds, maxKgCo2, maxJoulesPerSample);
}
