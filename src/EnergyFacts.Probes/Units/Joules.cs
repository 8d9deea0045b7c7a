using System.Globalization;

namespace EnergyFacts;

/// <summary>An amount of energy in joules, the base energy unit inside EnergyFacts.</summary>
/// <param name="Value">The energy in joules.</param>
public readonly record struct Joules(double Value) : IComparable<Joules>
{
    /// <summary>Joules in one kilowatt-hour, exactly (1 kWh = 1000 W × 3600 s).</summary>
    public const double PerKilowattHour = 3_600_000d;

    /// <summary>Zero joules.</summary>
    public static Joules Zero => default;

    /// <summary>Creates an energy from millijoules (NVML's unit).</summary>
    public static Joules FromMillijoules(double millijoules) => new(millijoules / 1_000d);

    /// <summary>Creates an energy from microjoules (powercap's unit).</summary>
    public static Joules FromMicrojoules(double microjoules) => new(microjoules / 1_000_000d);

    /// <summary>Converts to kilowatt-hours, the unit of CodeCarbon's energy columns.</summary>
    public KilowattHours ToKilowattHours() => new(Value / PerKilowattHour);

    /// <summary>The mean power that delivers this energy over <paramref name="duration"/>.</summary>
    public Watts Over(TimeSpan duration) =>
        duration <= TimeSpan.Zero ? Watts.Zero : new Watts(Value / duration.TotalSeconds);

    /// <summary>Adds two energies.</summary>
    public static Joules operator +(Joules left, Joules right) => new(left.Value + right.Value);

    /// <summary>Subtracts two energies.</summary>
    public static Joules operator -(Joules left, Joules right) => new(left.Value - right.Value);

    /// <summary>Scales an energy.</summary>
    public static Joules operator *(Joules energy, double factor) => new(energy.Value * factor);

    /// <summary>Divides an energy.</summary>
    public static Joules operator /(Joules energy, double divisor) => new(energy.Value / divisor);

    /// <summary>Compares two energies.</summary>
    public static bool operator <(Joules left, Joules right) => left.Value < right.Value;

    /// <summary>Compares two energies.</summary>
    public static bool operator >(Joules left, Joules right) => left.Value > right.Value;

    /// <summary>Compares two energies.</summary>
    public static bool operator <=(Joules left, Joules right) => left.Value <= right.Value;

    /// <summary>Compares two energies.</summary>
    public static bool operator >=(Joules left, Joules right) => left.Value >= right.Value;

    /// <inheritdoc/>
    public int CompareTo(Joules other) => Value.CompareTo(other.Value);

    /// <inheritdoc/>
    public override string ToString() => Value.ToString("G6", CultureInfo.InvariantCulture) + " J";
}
