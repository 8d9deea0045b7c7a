using System.Globalization;

namespace EnergyFacts.Gates;

/// <summary>
/// The two-sided confidence of a gate's bounds, e.g. 0.95; its misrate 1 − confidence is split evenly between the two
/// sides, so each one-sided claim (regressed, improved) is wrong at most (1 − confidence) / 2 of the time.
/// </summary>
internal readonly record struct GateConfidence
{
    /// <summary>What is allowed, for messages.</summary>
    public const string Allowed = "a probability more than 0.5 and less than 1, e.g. 0.95 or 95%";

    /// <exception cref="ArgumentOutOfRangeException"><paramref name="level"/> is not in (0.5, 1).</exception>
    public GateConfidence(double level)
    {
        if (!(level > 0.5 && level < 1))
        {
            throw new ArgumentOutOfRangeException(
                nameof(level), level, string.Create(CultureInfo.InvariantCulture, $"a gate's confidence must be more than 0.5 and less than 1 (e.g. 0.95); got {level:R}"));
        }

        Level = level;
    }

    /// <summary>95 %, the default.</summary>
    public static GateConfidence Default { get; } = new(0.95);

    public double Level { get; }

    /// <summary>1 − confidence: how often the bounds may miss the true ratio.</summary>
    public double Misrate => 1 - Level;

    /// <summary>Parses <c>0.95</c> or <c>95%</c>; <see langword="null"/> with <paramref name="problem"/> otherwise.</summary>
    public static GateConfidence? TryParse(string text, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(text);
        var percent = text.EndsWith('%');
        if (!double.TryParse(percent ? text[..^1].TrimEnd() : text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            problem = "not a number";
            return null;
        }

        value = percent ? value / 100 : value;
        if (!(value > 0.5 && value < 1))
        {
            problem = "a gate's confidence must be more than 0.5 and less than 1";
            return null;
        }

        problem = null;
        return new GateConfidence(value);
    }

    /// <summary>E.g. <c>95 %</c>.</summary>
    public override string ToString() => Percent(Level);

    /// <summary>A probability as a percentage, e.g. <c>96.8 %</c>.</summary>
    public static string Percent(double probability) => (probability * 100).ToString("0.#", CultureInfo.InvariantCulture) + " %";
}
