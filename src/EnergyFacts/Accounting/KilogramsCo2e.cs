using System.Globalization;

namespace EnergyFacts;

/// <summary>Greenhouse-gas emissions in kilograms of CO2 equivalent, the unit of CodeCarbon's <c>emissions</c> column.</summary>
/// <param name="Value">The emissions in kg CO2eq.</param>
internal readonly record struct KilogramsCo2e(double Value) : IComparable<KilogramsCo2e>
{
    /// <summary>No emissions.</summary>
    public static KilogramsCo2e Zero => default;

    /// <summary>Creates emissions from grams of CO2 equivalent (the unit carbon intensities are quoted in, per kWh).</summary>
    public static KilogramsCo2e FromGrams(double grams) => new(grams / 1_000d);

    /// <summary>The emissions in grams of CO2 equivalent.</summary>
    public double Grams => Value * 1_000d;

    /// <summary>Adds two amounts.</summary>
    public static KilogramsCo2e operator +(KilogramsCo2e left, KilogramsCo2e right) => new(left.Value + right.Value);

    /// <summary>Scales an amount.</summary>
    public static KilogramsCo2e operator *(KilogramsCo2e emissions, double factor) => new(emissions.Value * factor);

    /// <summary>Compares two amounts.</summary>
    public static bool operator <(KilogramsCo2e left, KilogramsCo2e right) => left.Value < right.Value;

    /// <summary>Compares two amounts.</summary>
    public static bool operator >(KilogramsCo2e left, KilogramsCo2e right) => left.Value > right.Value;

    /// <summary>Compares two amounts.</summary>
    public static bool operator <=(KilogramsCo2e left, KilogramsCo2e right) => left.Value <= right.Value;

    /// <summary>Compares two amounts.</summary>
    public static bool operator >=(KilogramsCo2e left, KilogramsCo2e right) => left.Value >= right.Value;

    /// <inheritdoc/>
    public int CompareTo(KilogramsCo2e other) => Value.CompareTo(other.Value);

    /// <inheritdoc/>
    public override string ToString() => Value.ToString("G6", CultureInfo.InvariantCulture) + " kg CO2eq";
}
