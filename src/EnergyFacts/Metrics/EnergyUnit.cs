namespace EnergyFacts.Metrics;

/// <summary>The energy unit a consumption figure is counted in.</summary>
internal enum EnergyUnit
{
    /// <summary>Joules (J).</summary>
    Joule,

    /// <summary>Watt-hours (Wh = 3600 J), the unit of Jurj et al.'s consumption.</summary>
    WattHour,

    /// <summary>Kilowatt-hours (kWh = 3.6 MJ), CodeCarbon's unit.</summary>
    KilowattHour,
}

/// <summary>Symbols and conversions of <see cref="EnergyUnit"/>.</summary>
internal static class EnergyUnits
{
    /// <summary>Joules in one watt-hour, exactly.</summary>
    public const double JoulesPerWattHour = 3_600d;

    /// <summary>The unit's symbol: <c>J</c>, <c>Wh</c> or <c>kWh</c>.</summary>
    public static string Symbol(this EnergyUnit unit) => unit switch
    {
        EnergyUnit.Joule => "J",
        EnergyUnit.WattHour => "Wh",
        EnergyUnit.KilowattHour => "kWh",
        _ => throw new ArgumentOutOfRangeException(nameof(unit), unit, "Expected J, Wh or kWh."),
    };

    /// <summary>Joules in one of <paramref name="unit"/>.</summary>
    public static double JoulesPerUnit(this EnergyUnit unit) => unit switch
    {
        EnergyUnit.Joule => 1d,
        EnergyUnit.WattHour => JoulesPerWattHour,
        EnergyUnit.KilowattHour => Joules.PerKilowattHour,
        _ => throw new ArgumentOutOfRangeException(nameof(unit), unit, "Expected J, Wh or kWh."),
    };

    /// <summary><paramref name="energy"/> counted in <paramref name="unit"/>.</summary>
    public static double Express(this EnergyUnit unit, Joules energy) => energy.Value / unit.JoulesPerUnit();

    /// <summary>Reads <c>J</c>, <c>Wh</c> or <c>kWh</c> (case-insensitive).</summary>
    public static bool TryParse(string text, out EnergyUnit unit)
    {
        ArgumentNullException.ThrowIfNull(text);
        switch (text.Trim().ToUpperInvariant())
        {
            case "J":
                unit = EnergyUnit.Joule;
                return true;
            case "WH":
                unit = EnergyUnit.WattHour;
                return true;
            case "KWH":
                unit = EnergyUnit.KilowattHour;
                return true;
            default:
                unit = default;
                return false;
        }
    }
}
