using System.Globalization;

namespace EnergyFacts.Metrics;

/// <summary>An energy consumption as APC takes it: an amount in a stated <see cref="ConsumptionUnit"/>.</summary>
/// <param name="Amount">The amount, ≥ 0, counted in <paramref name="Unit"/>.</param>
/// <param name="Unit">What the amount counts.</param>
internal readonly record struct Consumption(double Amount, ConsumptionUnit Unit)
{
    /// <summary>The consumption of <paramref name="energy"/> on <paramref name="basis"/>, counted in <paramref name="unit"/>.</summary>
    public static Consumption Of(Joules energy, EnergyUnit unit, string basis) => new(unit.Express(energy), new ConsumptionUnit(unit, basis));

    /// <summary>The amount in kilowatt-hours (for a price per kWh).</summary>
    public KilowattHours ToKilowattHours() => new(Amount * Unit.Energy.JoulesPerUnit() / Joules.PerKilowattHour);

    /// <inheritdoc/>
    public override string ToString() => Amount.ToString("G6", CultureInfo.InvariantCulture) + " " + Unit;
}
