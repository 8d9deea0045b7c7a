using System.Globalization;

namespace EnergyFacts.Metrics;

/// <summary>The checks every metric makes on its inputs; each message names the argument, its value and what is allowed.</summary>
internal static class MetricArguments
{
    /// <summary>Throws unless <paramref name="value"/> is a fraction in [0, 1].</summary>
    public static double Fraction(double value, string name, string meaning)
    {
        if (!(value >= 0 && value <= 1))
        {
            throw new ArgumentOutOfRangeException(
                name,
                value,
                Invariant($"{meaning} must be a fraction from 0 to 1 (e.g. 0.9 for 90 %); got {value}.") + PercentHint(value));
        }

        return value;
    }

    /// <summary>Throws unless <paramref name="value"/> is finite and ≥ 0.</summary>
    public static double NonNegative(double value, string name, string meaning)
    {
        if (!(value >= 0) || double.IsPositiveInfinity(value))
        {
            throw new ArgumentOutOfRangeException(name, value, Invariant($"{meaning} must be a finite number ≥ 0; got {value}."));
        }

        return value;
    }

    /// <summary>Throws unless <paramref name="value"/> is finite and &gt; 0.</summary>
    public static double Positive(double value, string name, string meaning)
    {
        if (!(value > 0) || double.IsPositiveInfinity(value))
        {
            throw new ArgumentOutOfRangeException(name, value, Invariant($"{meaning} must be a finite number > 0; got {value}."));
        }

        return value;
    }

    /// <summary>Throws unless <paramref name="value"/> is finite.</summary>
    public static double Finite(double value, string name, string meaning)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(name, value, Invariant($"{meaning} must be a finite number; got {value}."));
        }

        return value;
    }

    private static string PercentHint(double value) =>
        value > 1 && value <= 100 ? Invariant($" If it is a percentage, pass {value / 100}.") : string.Empty;

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
