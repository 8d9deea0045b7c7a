namespace EnergyFacts.Reports;

/// <summary>
/// The Pareto front of accuracy (higher is better) against energy (lower is better): the points no other point beats
/// on both, i.e. every point for which no other spends at most as much energy and reaches at least as much accuracy,
/// one of them strictly.
/// </summary>
internal static class ParetoFront
{
    /// <summary>The front, in order of increasing energy (and so increasing accuracy).</summary>
    /// <param name="points">The candidates; those with a missing energy or accuracy are never on the front.</param>
    /// <param name="energyJoules">A point's energy.</param>
    /// <param name="accuracy">A point's accuracy.</param>
    public static IReadOnlyList<T> Of<T>(IEnumerable<T> points, Func<T, double?> energyJoules, Func<T, double?> accuracy)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(energyJoules);
        ArgumentNullException.ThrowIfNull(accuracy);
        var front = new List<T>();
        var best = double.NegativeInfinity;
        var candidates = points
            .Select(p => (Point: p, Energy: energyJoules(p), Accuracy: accuracy(p)))
            .Where(p => p.Energy is not null && p.Accuracy is not null)
            .OrderBy(p => p.Energy!.Value)
            .ThenByDescending(p => p.Accuracy!.Value);
        foreach (var (point, _, pointAccuracy) in candidates)
        {
            // Cheapest first: a point joins the front only if it is more accurate than everything cheaper.
            if (pointAccuracy!.Value > best)
            {
                front.Add(point);
                best = pointAccuracy.Value;
            }
        }

        return front;
    }
}
