namespace EnergyFacts.Metrics;

/// <summary>
/// Accuracy Per Consumption (APC) and Accuracy Per Energy Cost (APEC), exactly as published in S. L. Jurj,
/// F. Opritoiu, M. Vladutiu, <i>Environmentally-Friendly Metrics for Evaluating the Performance of Deep Learning Models
/// and Systems</i>, ICONIP 2020, arXiv:2002.11770:
/// <c>WC_α(c, a) = c·((1−α)(1−a)+α)</c>, <c>APC_α,β(c, a) = a / (β·WC_α(c, a) + 1)</c>, and APEC the same with the
/// energy cost <c>p = c × price</c> in place of <c>c</c>. Defaults α = 0.1, β = 1.
/// </summary>
internal static class AccuracyPerConsumption
{
    /// <summary>Jurj et al.'s weighted consumption <c>c·((1−α)(1−a)+α)</c>.</summary>
    /// <param name="consumption">c ≥ 0 (an energy or, for APEC, a cost).</param>
    /// <param name="accuracy">a ∈ [0, 1].</param>
    /// <param name="alpha">α ∈ [0, 1].</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument outside its range; the message names it.</exception>
    public static double WeightedConsumption(double consumption, double accuracy, double alpha)
    {
        MetricArguments.NonNegative(consumption, nameof(consumption), "The consumption c");
        MetricArguments.Fraction(accuracy, nameof(accuracy), "The accuracy a");
        MetricArguments.Fraction(alpha, nameof(alpha), "APC's α");
        return consumption * (((1 - alpha) * (1 - accuracy)) + alpha);
    }

    /// <summary>APC: <c>a / (β·WC_α(c, a) + 1)</c>, with c in its stated unit.</summary>
    /// <param name="consumption">c ≥ 0 with its unit (recorded in the result: APC is not scale-invariant).</param>
    /// <param name="accuracy">a ∈ [0, 1].</param>
    /// <param name="weights">α and β; <see langword="null"/> for the published defaults (0.1, 1).</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument outside its range; the message names it.</exception>
    public static ApcScore Apc(Consumption consumption, double accuracy, ApcWeights? weights = null)
    {
        ArgumentNullException.ThrowIfNull(consumption.Unit, nameof(consumption));
        weights ??= ApcWeights.Default;
        var weighted = WeightedConsumption(consumption.Amount, accuracy, weights.Alpha);
        return new ApcScore(Score(accuracy, weighted, weights.Beta), accuracy, consumption, weighted, weights, Price: null);
    }

    /// <summary>APEC: APC with the energy cost <c>p = E[kWh] × price</c> in place of the consumption.</summary>
    /// <param name="consumption">The energy, with its unit (converted to kWh for the price).</param>
    /// <param name="accuracy">a ∈ [0, 1].</param>
    /// <param name="price">The electricity price per kWh.</param>
    /// <param name="weights">α and β; <see langword="null"/> for the published defaults (0.1, 1).</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument outside its range; the message names it.</exception>
    public static ApcScore Apec(Consumption consumption, double accuracy, PricePerKilowattHour price, ApcWeights? weights = null)
    {
        ArgumentNullException.ThrowIfNull(consumption.Unit, nameof(consumption));
        ArgumentNullException.ThrowIfNull(price);
        weights ??= ApcWeights.Default;
        MetricArguments.NonNegative(consumption.Amount, nameof(consumption), "The consumption c");
        var cost = price.CostOf(consumption.ToKilowattHours());
        var weighted = WeightedConsumption(cost, accuracy, weights.Alpha);
        return new ApcScore(Score(accuracy, weighted, weights.Beta), accuracy, consumption, weighted, weights, price);
    }

    private static double Score(double accuracy, double weightedConsumption, double beta) =>
        accuracy / ((beta * weightedConsumption) + 1);
}
