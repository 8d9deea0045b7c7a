namespace EnergyFacts.Metrics;

/// <summary>
/// FMS (sustainable harmonic mean) and ASC (area under the sustainability curve), named after X. Li, C. Zhang, H. Wang,
/// S. N. Gowda, Y. Li, X. Jin, <i>Performance is not All You Need: Sustainability Considerations for Algorithms</i>,
/// arXiv:2509.00045 (PRCV 2025). The paper's abstract describes them but publishes no formula and its code has no
/// metric code, so the formulas here are <b>EnergyFacts' own</b>, consistent with the abstract:
/// <c>S_E(E) = E_ref / (E_ref + E)</c>; <c>FMS_β = (1+β²)·P·S_E / (β²·P + S_E)</c>;
/// <c>ASC = (1/E_max)·Σ (E_k − E_{k−1})·(P_k + P_{k−1})/2</c>.
/// </summary>
internal static class SustainabilityScores
{
    /// <summary>The energy score <c>S_E = E_ref / (E_ref + E)</c> ∈ (0, 1]: 1 at no energy, ½ at the reference, → 0 as energy grows.</summary>
    /// <param name="energy">Accumulated energy E ≥ 0.</param>
    /// <param name="reference">E_ref &gt; 0, e.g. the median total energy of the compared runs, or 1 kWh.</param>
    /// <exception cref="ArgumentOutOfRangeException">E negative or E_ref not positive.</exception>
    public static double EnergyScore(Joules energy, Joules reference)
    {
        MetricArguments.NonNegative(energy.Value, nameof(energy), "The energy E (J)");
        MetricArguments.Positive(reference.Value, nameof(reference), "The reference energy E_ref (J)");
        return reference.Value / (reference.Value + energy.Value);
    }

    /// <summary>FMS: the weighted harmonic mean of the performance P and the energy score S_E (EnergyFacts' definition).</summary>
    /// <param name="performance">P ∈ [0, 1], the final or best metric.</param>
    /// <param name="energy">Energy spent to reach it.</param>
    /// <param name="reference">E_ref &gt; 0 for <see cref="EnergyScore"/>.</param>
    /// <param name="beta">β &gt; 0; 1 weighs both equally, β &gt; 1 weighs the energy score more and β &lt; 1 the performance (as F_β weighs its second term, recall, more for β &gt; 1): FMS → S_E as β → ∞ and → P as β → 0.</param>
    /// <returns>FMS ∈ [0, 1]; 0 when P = 0.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument outside its range; the message names it.</exception>
    public static double Fms(double performance, Joules energy, Joules reference, double beta = 1)
    {
        MetricArguments.Fraction(performance, nameof(performance), "The performance P");
        MetricArguments.Positive(beta, nameof(beta), "FMS's β");
        var score = EnergyScore(energy, reference);
        var beta2 = beta * beta;
        var denominator = (beta2 * performance) + score;
        return denominator == 0 ? 0 : (1 + beta2) * performance * score / denominator;
    }

    /// <summary>ASC: the area under the performance–cumulative-energy curve over [0, E_max], divided by E_max (EnergyFacts' definition).</summary>
    /// <param name="curve">Points in order of cumulative energy (never decreasing), performance in [0, 1].</param>
    /// <param name="budget">
    /// E_max &gt; 0, the common energy budget (e.g. the largest total energy of the compared runs, <see cref="CommonBudget"/>).
    /// A curve that ends before it holds its last performance to E_max; one that goes past it is cut at E_max by linear
    /// interpolation.
    /// </param>
    /// <param name="initialPerformance">P_0 at E = 0 (e.g. the untrained model's accuracy); 0 by default.</param>
    /// <returns>ASC ∈ [0, 1]; higher means performance was reached with less energy.</returns>
    /// <exception cref="ArgumentException">An empty or out-of-order curve, or an argument outside its range.</exception>
    public static double Asc(IReadOnlyList<PerformancePoint> curve, Joules budget, double initialPerformance = 0)
    {
        ArgumentNullException.ThrowIfNull(curve);
        MetricArguments.Positive(budget.Value, nameof(budget), "ASC's energy budget E_max (J)");
        MetricArguments.Fraction(initialPerformance, nameof(initialPerformance), "The initial performance P_0");
        if (curve.Count == 0)
        {
            throw new ArgumentException("The performance–energy curve is empty; ASC needs at least one point.", nameof(curve));
        }

        var area = 0d;
        var previousEnergy = 0d;
        var previousPerformance = initialPerformance;
        var end = budget.Value;
        for (var k = 0; k < curve.Count && previousEnergy < end; k++)
        {
            var point = curve[k] ?? throw new ArgumentException($"Point {k} of the curve is null.", nameof(curve));
            var energy = MetricArguments.NonNegative(point.CumulativeEnergy.Value, nameof(curve), $"Point {k}'s cumulative energy (J)");
            var performance = MetricArguments.Fraction(point.Performance, nameof(curve), $"Point {k}'s performance");
            if (energy < previousEnergy)
            {
                throw new ArgumentException(
                    $"Point {k} has less cumulative energy than the point before it; the curve must be in order of cumulative energy.",
                    nameof(curve));
            }

            if (energy > end)
            {
                // Cut the segment at E_max, interpolating the performance there.
                performance = previousPerformance + ((performance - previousPerformance) * (end - previousEnergy) / (energy - previousEnergy));
                energy = end;
            }

            area += (energy - previousEnergy) * (performance + previousPerformance) / 2;
            previousEnergy = energy;
            previousPerformance = performance;
        }

        area += (end - previousEnergy) * previousPerformance;
        return Math.Clamp(area / end, 0, 1);
    }

    /// <summary>The common budget E_max of several runs' curves: the largest final cumulative energy among them.</summary>
    /// <exception cref="ArgumentException">No curve, an empty curve, or a budget of zero.</exception>
    public static Joules CommonBudget(IEnumerable<IReadOnlyList<PerformancePoint>> curves)
    {
        ArgumentNullException.ThrowIfNull(curves);
        var budget = Joules.Zero;
        var any = false;
        foreach (var curve in curves)
        {
            if (curve is not { Count: > 0 })
            {
                throw new ArgumentException("A performance–energy curve is empty; each run needs at least one point.", nameof(curves));
            }

            any = true;
            budget = curve[^1].CumulativeEnergy > budget ? curve[^1].CumulativeEnergy : budget;
        }

        return any && budget.Value > 0
            ? budget
            : throw new ArgumentException("The curves spend no energy at all, so there is no budget E_max to normalise ASC by.", nameof(curves));
    }
}
