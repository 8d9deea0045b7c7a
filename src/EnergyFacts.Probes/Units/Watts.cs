using System.Globalization;

namespace EnergyFacts;

/// <summary>A power in watts.</summary>
/// <param name="Value">The power in watts.</param>
public readonly record struct Watts(double Value) : IComparable<Watts>
{
    /// <summary>Zero watts.</summary>
    public static Watts Zero => default;

    /// <summary>Creates a power from milliwatts (NVML's unit).</summary>
    public static Watts FromMilliwatts(double milliwatts) => new(milliwatts / 1_000d);

    /// <summary>The energy this power delivers when held for <paramref name="duration"/>.</summary>
    public Joules Over(TimeSpan duration) => new(Value * duration.TotalSeconds);

    /// <summary>Adds two powers.</summary>
    public static Watts operator +(Watts left, Watts right) => new(left.Value + right.Value);

    /// <summary>Scales a power.</summary>
    public static Watts operator *(Watts power, double factor) => new(power.Value * factor);

    /// <inheritdoc/>
    public int CompareTo(Watts other) => Value.CompareTo(other.Value);

    /// <summary>Compares two powers.</summary>
    public static bool operator <(Watts left, Watts right) => left.Value < right.Value;

    /// <summary>Compares two powers.</summary>
    public static bool operator >(Watts left, Watts right) => left.Value > right.Value;

    /// <summary>Compares two powers.</summary>
    public static bool operator <=(Watts left, Watts right) => left.Value <= right.Value;

    /// <summary>Compares two powers.</summary>
    public static bool operator >=(Watts left, Watts right) => left.Value >= right.Value;

    /// <inheritdoc/>
    public override string ToString() => Value.ToString("G6", CultureInfo.InvariantCulture) + " W";
}
