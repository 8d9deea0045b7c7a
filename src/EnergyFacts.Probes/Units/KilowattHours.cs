using System.Globalization;

namespace EnergyFacts;

/// <summary>An amount of energy in kilowatt-hours, the unit of CodeCarbon's energy columns and of energy budgets.</summary>
/// <param name="Value">The energy in kilowatt-hours.</param>
public readonly record struct KilowattHours(double Value) : IComparable<KilowattHours>
{
    /// <summary>Converts to joules.</summary>
    public Joules ToJoules() => new(Value * Joules.PerKilowattHour);

    /// <inheritdoc/>
    public int CompareTo(KilowattHours other) => Value.CompareTo(other.Value);

    /// <summary>Compares two energies.</summary>
    public static bool operator <(KilowattHours left, KilowattHours right) => left.Value < right.Value;

    /// <summary>Compares two energies.</summary>
    public static bool operator >(KilowattHours left, KilowattHours right) => left.Value > right.Value;

    /// <summary>Compares two energies.</summary>
    public static bool operator <=(KilowattHours left, KilowattHours right) => left.Value <= right.Value;

    /// <summary>Compares two energies.</summary>
    public static bool operator >=(KilowattHours left, KilowattHours right) => left.Value >= right.Value;

    /// <inheritdoc/>
    public override string ToString() => Value.ToString("G6", CultureInfo.InvariantCulture) + " kWh";
}
