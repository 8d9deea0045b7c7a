namespace EnergyFacts.Metrics;

/// <summary>
/// The two weights of Jurj et al.'s APC and APEC (arXiv:2002.11770): α sets how much of the consumption counts
/// regardless of accuracy, β how strongly consumption lowers the score.
/// </summary>
internal sealed record ApcWeights
{
    /// <summary>The published default α.</summary>
    public const double DefaultAlpha = 0.1;

    /// <summary>The published default β.</summary>
    public const double DefaultBeta = 1;

    /// <summary>Creates the weights.</summary>
    /// <param name="alpha">α ∈ [0, 1]; 1 counts the whole consumption, 0 only the part scaled by the error (1 − a).</param>
    /// <param name="beta">β ≥ 0, finite; 0 makes APC equal to the accuracy.</param>
    /// <exception cref="ArgumentOutOfRangeException">α outside [0, 1] or β negative or not finite.</exception>
    public ApcWeights(double alpha = DefaultAlpha, double beta = DefaultBeta)
    {
        Alpha = MetricArguments.Fraction(alpha, nameof(alpha), "APC's α (weight of the accuracy-independent consumption)");
        Beta = MetricArguments.NonNegative(beta, nameof(beta), "APC's β (weight of the consumption)");
    }

    /// <summary>The published defaults, α = 0.1 and β = 1.</summary>
    public static ApcWeights Default { get; } = new(DefaultAlpha, DefaultBeta);

    /// <summary>α ∈ [0, 1].</summary>
    public double Alpha { get; }

    /// <summary>β ≥ 0.</summary>
    public double Beta { get; }
}
