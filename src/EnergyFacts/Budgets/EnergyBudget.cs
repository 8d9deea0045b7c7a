using System.Globalization;
using System.Reflection;

namespace EnergyFacts;

/// <summary>The limits that apply to one experiment, and where they were declared.</summary>
/// <param name="Origin">Where the budget comes from, e.g. <c>method Train</c>, <c>class TrainingTests</c>, <c>assembly</c>.</param>
/// <param name="MaxKilowattHours">Energy limit in kWh, PUE included.</param>
/// <param name="MaxSeconds">Duration limit in seconds.</param>
/// <param name="MaxKgCo2">Emissions limit in kg CO2eq.</param>
/// <param name="MaxJoulesPerSample">Energy per processed sample limit in joules.</param>
public sealed record EnergyBudget(
    string Origin, double? MaxKilowattHours, double? MaxSeconds, double? MaxKgCo2, double? MaxJoulesPerSample)
{
    /// <summary>The budget for <paramref name="method"/>: method attribute, else its class's, else its assembly's.</summary>
    /// <returns>The budget, or <see langword="null"/> when none is declared.</returns>
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

    /// <summary>The limits that are set, as (name, value, unit).</summary>
    public IEnumerable<(string Name, double Limit, string Unit)> Limits
    {
        get
        {
            if (MaxKilowattHours is { } kwh)
            {
                yield return (nameof(MaxKilowattHours), kwh, "kWh");
            }

            if (MaxSeconds is { } s)
            {
                yield return (nameof(MaxSeconds), s, "s");
            }

            if (MaxKgCo2 is { } kg)
            {
                yield return (nameof(MaxKgCo2), kg, "kg CO2eq");
            }

            if (MaxJoulesPerSample is { } jps)
            {
                yield return (nameof(MaxJoulesPerSample), jps, "J/sample");
            }
        }
    }

    /// <summary>Checks every limit is a finite number ≥ 0.</summary>
    /// <exception cref="ArgumentException">A limit is negative, NaN or infinite; the message names it.</exception>
    public void Validate()
    {
        foreach (var (name, limit, unit) in Limits)
        {
            if (!double.IsFinite(limit) || limit < 0)
            {
                throw new ArgumentException(
                    $"[EnergyBudget({name} = {limit.ToString(CultureInfo.InvariantCulture)})] on {Origin} is not a budget. " +
                    $"Allowed: a finite number ≥ 0 in {unit}.");
            }
        }
    }

    /// <summary>Compact text for the results' budget column, e.g. <c>MaxKilowattHours=0.002;MaxSeconds=120</c>.</summary>
    public override string ToString() =>
        string.Join(';', Limits.Select(l => string.Create(CultureInfo.InvariantCulture, $"{l.Name}={l.Limit:R}")));
}
