namespace EnergyFacts.Advice;

/// <summary>
/// The Pareto set over accuracy (higher is better), energy (lower) and latency (lower): the configurations no other one
/// dominates. Latency counts only when every configuration has it; otherwise the set is over accuracy and energy, and
/// <see cref="Dominates"/> is told so.
/// </summary>
internal static class ParetoSet
{
    /// <summary>Whether <paramref name="a"/> dominates <paramref name="b"/>: at least as good on every axis, better on one.</summary>
    /// <param name="a">A configuration with top-1 and the objective's energy known.</param>
    /// <param name="b">Another one.</param>
    /// <param name="objective">Which energy is the energy axis.</param>
    /// <param name="withLatency">Whether latency is an axis (both must have it).</param>
    public static bool Dominates(MeasuredConfiguration a, MeasuredConfiguration b, EnergyObjective objective, bool withLatency)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        double accuracyA = a.Top1!.Value, accuracyB = b.Top1!.Value;
        double energyA = a.Energy(objective)!.Value, energyB = b.Energy(objective)!.Value;
        var noWorse = accuracyA >= accuracyB && energyA <= energyB;
        var better = accuracyA > accuracyB || energyA < energyB;
        if (withLatency)
        {
            double latencyA = a.Latency!.Value.Value, latencyB = b.Latency!.Value.Value;
            noWorse &= latencyA <= latencyB;
            better |= latencyA < latencyB;
        }

        return noWorse && better;
    }

    /// <summary>Whether latency can be an axis: every configuration has it.</summary>
    public static bool LatencyKnownForAll(IReadOnlyList<MeasuredConfiguration> configurations) => configurations.All(c => c.Latency is not null);

    /// <summary>The non-dominated configurations among <paramref name="configurations"/> (each with top-1 and the objective's energy), sorted by energy.</summary>
    public static IReadOnlyList<MeasuredConfiguration> Of(IReadOnlyList<MeasuredConfiguration> configurations, EnergyObjective objective)
    {
        ArgumentNullException.ThrowIfNull(configurations);
        var withLatency = LatencyKnownForAll(configurations);
        return [.. configurations
            .Where(c => !configurations.Any(other => Dominates(other, c, objective, withLatency)))
            .OrderBy(c => c.Energy(objective))
            .ThenByDescending(c => c.Top1)
            .ThenBy(c => c.Key)];
    }
}
