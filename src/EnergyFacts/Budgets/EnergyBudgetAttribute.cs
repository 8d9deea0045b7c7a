using System.Globalization;

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
    /// <exception cref="ArgumentException">A limit is negative or not finite; the message names it and what is allowed.</exception>
    internal EnergyBudget ToBudget(string origin)
    {
        double? Checked(double? value, string name, string unit) => value is { } v && (!double.IsFinite(v) || v < 0 || (unit == "s" && v >= TimeSpan.MaxValue.TotalSeconds))
            ? throw new ArgumentException(string.Create(
                CultureInfo.InvariantCulture, $"[EnergyBudget({name} = {v})] on {origin} is not a budget. Allowed: a finite number ≥ 0 in {unit}."))
            : value;

        var kwh = Checked(maxKilowattHours, nameof(MaxKilowattHours), "kWh");
        var seconds = Checked(maxSeconds, nameof(MaxSeconds), "s");
        var kg = Checked(maxKgCo2, nameof(MaxKgCo2), "kg CO2eq");
        var perSample = Checked(maxJoulesPerSample, nameof(MaxJoulesPerSample), "J/sample");
        return new EnergyBudget(
            origin,
            kwh is { } e ? new KilowattHours(e) : null,
            seconds is { } s ? TimeSpan.FromSeconds(s) : null,
            kg is { } c ? new KilogramsCo2e(c) : null,
            perSample is { } j ? new Joules(j) : null);
    }
}
