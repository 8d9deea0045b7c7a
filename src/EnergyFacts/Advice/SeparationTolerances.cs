using System.Globalization;

namespace EnergyFacts.Advice;

/// <summary>
/// When two configurations count as indistinguishable by accuracy and latency, and when energy then separates them.
/// Defaults: top-1 within 0.01 (one percentage point, about the run-to-run spread of small image classifiers),
/// latency within 10 % (ratio of the larger to the smaller ≤ 1.10), and energy separates at a ratio of 1.10 or more.
/// </summary>
/// <param name="Top1">Largest absolute top-1 difference that is "the same accuracy", a fraction (default 0.01).</param>
/// <param name="LatencyFraction">Largest relative latency difference that is "the same latency" (default 0.10 = 10 %).</param>
/// <param name="EnergyRatio">Smallest energy ratio (larger ÷ smaller, ≥ 1) that separates two such configurations (default 1.10).</param>
internal sealed record SeparationTolerances(double Top1 = SeparationTolerances.DefaultTop1, double LatencyFraction = SeparationTolerances.DefaultLatencyFraction, double EnergyRatio = SeparationTolerances.DefaultEnergyRatio)
{
    /// <summary>0.01: one percentage point of top-1.</summary>
    public const double DefaultTop1 = 0.01;

    /// <summary>0.10: 10 % latency.</summary>
    public const double DefaultLatencyFraction = 0.10;

    /// <summary>1.10: 10 % more energy.</summary>
    public const double DefaultEnergyRatio = 1.10;

    /// <summary>The defaults.</summary>
    public static SeparationTolerances Default { get; } = new();

    /// <summary>Throws unless each tolerance is in range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">One is not.</exception>
    public SeparationTolerances Validated()
    {
        if (!(Top1 is >= 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(Top1), Top1, Text($"the top-1 tolerance must be a fraction from 0 to 1; got {Top1:R}."));
        }

        if (!(LatencyFraction >= 0 && double.IsFinite(LatencyFraction)))
        {
            throw new ArgumentOutOfRangeException(nameof(LatencyFraction), LatencyFraction, Text($"the latency tolerance must be a finite fraction ≥ 0; got {LatencyFraction:R}."));
        }

        if (!(EnergyRatio >= 1 && double.IsFinite(EnergyRatio)))
        {
            throw new ArgumentOutOfRangeException(nameof(EnergyRatio), EnergyRatio, Text($"the separating energy ratio must be finite and ≥ 1; got {EnergyRatio:R}."));
        }

        return this;
    }

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
