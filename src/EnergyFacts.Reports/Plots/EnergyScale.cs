namespace EnergyFacts.Reports.Plots;

/// <summary>The energy unit a plot's axis shows (J, kJ or MJ), chosen once from the largest value so ticks stay short.</summary>
/// <param name="Symbol">The unit's symbol.</param>
/// <param name="JoulesPerUnit">Joules in one unit.</param>
internal sealed record EnergyScale(string Symbol, double JoulesPerUnit)
{
    /// <summary>The scale for values up to <paramref name="largestJoules"/>.</summary>
    public static EnergyScale For(double largestJoules) => largestJoules switch
    {
        >= 1e7 => new EnergyScale("MJ", 1e6),
        >= 1e4 => new EnergyScale("kJ", 1e3),
        _ => new EnergyScale("J", 1),
    };

    /// <summary><paramref name="joules"/> in this unit.</summary>
    public double Of(double joules) => joules / JoulesPerUnit;
}
