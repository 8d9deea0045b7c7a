using System.Globalization;
using System.Reflection;
using EnergyFacts.Accounting;

namespace EnergyFacts;

/// <summary>
/// The limits that apply to one experiment case, typed by unit. The PUE rule, the same for every energy limit here
/// and for <see cref="EnergyAssert"/>: energy is compared <b>with</b> the PUE applied, i.e. as the <c>energy_consumed</c>
/// column reports it (with the default PUE of 1 the two are equal).
/// </summary>
/// <param name="Origin">Where the budget was declared, e.g. <c>method Train</c>.</param>
/// <param name="MaxEnergy">Most energy for the whole trial, PUE included.</param>
/// <param name="MaxDuration">Longest measured window.</param>
/// <param name="MaxEmissions">Most emissions.</param>
/// <param name="MaxEnergyPerSample">Most energy per reported sample, PUE included.</param>
internal sealed record EnergyBudget(
    string Origin, KilowattHours? MaxEnergy, TimeSpan? MaxDuration, KilogramsCo2e? MaxEmissions, Joules? MaxEnergyPerSample)
{
    /// <summary>The nearest <see cref="EnergyBudgetAttribute"/>: on the method, else its class, else the assembly.</summary>
    public static EnergyBudget? For(MethodInfo method)
    {
        ArgumentNullException.ThrowIfNull(method);
        if (method.GetCustomAttribute<EnergyBudgetAttribute>() is { } onMethod)
        {
            return onMethod.ToBudget($"method {method.Name}");
        }

        var type = method.ReflectedType ?? method.DeclaringType;
        if (type?.GetCustomAttribute<EnergyBudgetAttribute>(inherit: true) is { } onClass)
        {
            return onClass.ToBudget($"class {type.Name}");
        }

        return type?.Assembly.GetCustomAttribute<EnergyBudgetAttribute>() is { } onAssembly
            ? onAssembly.ToBudget($"assembly {type.Assembly.GetName().Name}")
            : null;
    }

    /// <summary>Each limit that is set, by the attribute property that sets it, as a number in its unit (for messages).</summary>
    public IEnumerable<(string Name, double Limit, string Unit)> Limits
    {
        get
        {
            if (MaxEnergy is { } energy)
            {
                yield return (nameof(EnergyBudgetAttribute.MaxKilowattHours), energy.Value, "kWh");
            }

            if (MaxDuration is { } duration)
            {
                yield return (nameof(EnergyBudgetAttribute.MaxSeconds), duration.TotalSeconds, "s");
            }

            if (MaxEmissions is { } emissions)
            {
                yield return (nameof(EnergyBudgetAttribute.MaxKgCo2), emissions.Value, "kg CO2eq");
            }

            if (MaxEnergyPerSample is { } perSample)
            {
                yield return (nameof(EnergyBudgetAttribute.MaxJoulesPerSample), perSample.Value, "J/sample");
            }
        }
    }

    /// <summary>Every problem with the limits, each naming the value and what is allowed (checked at discovery).</summary>
    public IReadOnlyList<string> Problems() =>
    [
        .. Limits
            .Where(l => !double.IsFinite(l.Limit) || l.Limit < 0)
            .Select(l => $"[EnergyBudget({l.Name} = {l.Limit.ToString(CultureInfo.InvariantCulture)})] on {Origin} is not a budget. Allowed: a finite number ≥ 0 in {l.Unit}."),
    ];

    /// <summary>Throws the first of <see cref="Problems"/>.</summary>
    /// <exception cref="ArgumentException">A limit is negative or not finite.</exception>
    public void Validate()
    {
        if (Problems() is [var first, ..])
        {
            throw new ArgumentException(first);
        }
    }

    /// <inheritdoc/>
    public override string ToString() =>
        string.Join(';', Limits.Select(l => string.Create(CultureInfo.InvariantCulture, $"{l.Name}={l.Limit:R}")));
}
