using System.Globalization;

namespace EnergyFacts.Gates;

/// <summary>
/// The practical threshold of a regression gate, as a fraction: 0.05 means a change within 5 % is no change. On the
/// ratio scale the unchanged band is [1 / (1 + t), 1 + t], symmetric in log scale, so swapping baseline and current
/// swaps improved and regressed exactly.
/// </summary>
internal readonly record struct RelativeThreshold
{
    /// <summary>What is allowed, for messages.</summary>
    public const string Allowed = "a fraction more than 0 and less than 1, e.g. 0.05 or 5% for 5 %";

    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fraction"/> is not in (0, 1).</exception>
    public RelativeThreshold(double fraction)
    {
        if (!(fraction > 0 && fraction < 1))
        {
            throw new ArgumentOutOfRangeException(
                nameof(fraction), fraction, string.Create(CultureInfo.InvariantCulture, $"a regression threshold must be more than 0 and less than 1 (0.05 is 5 %); got {fraction:R}"));
        }

        Fraction = fraction;
    }

    /// <summary>5 %, the default.</summary>
    public static RelativeThreshold Default { get; } = new(0.05);

    public double Fraction { get; }

    /// <summary>The largest ratio that is still unchanged, 1 + t.</summary>
    public double UpperRatio => 1 + Fraction;

    /// <summary>The smallest ratio that is still unchanged, 1 / (1 + t).</summary>
    public double LowerRatio => 1 / (1 + Fraction);

    /// <summary>Parses <c>0.05</c> or <c>5%</c>; <see langword="null"/> with <paramref name="problem"/> otherwise.</summary>
    public static RelativeThreshold? TryParse(string text, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(text);
        var percent = text.EndsWith('%');
        var number = percent ? text[..^1].TrimEnd() : text;
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            problem = "not a number";
            return null;
        }

        value = percent ? value / 100 : value;
        if (!(value > 0 && value < 1))
        {
            problem = "a regression threshold must be more than 0 and less than 1 (0.05 is 5 %; 1 or more would let any regression pass, 0 would fail on noise)";
            return null;
        }

        problem = null;
        return new RelativeThreshold(value);
    }

    /// <summary>E.g. <c>5 %</c>.</summary>
    public override string ToString() => (Fraction * 100).ToString("0.###", CultureInfo.InvariantCulture) + " %";
}
