namespace EnergyFacts.Advice;

/// <summary>
/// The trade-off advisor: over a grid of configurations (trials aggregated by median, <see cref="MeasuredConfiguration.Aggregate"/>)
/// it picks the cheapest one that meets the constraints, lists the Pareto set (accuracy↑, energy↓, latency↓), states the
/// saving against the most accurate configuration, and answers whether energy separates configurations that accuracy
/// and latency put within a tolerance of each other. Pure: same input, same advice.
/// </summary>
internal static class TradeOffAdvisor
{
    /// <summary>Advises on <paramref name="configurations"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A constraint or tolerance is out of range.</exception>
    public static TradeOffAdvice Advise(IEnumerable<MeasuredConfiguration> configurations, AdviceConstraints constraints, SeparationTolerances? tolerances = null)
    {
        ArgumentNullException.ThrowIfNull(configurations);
        ArgumentNullException.ThrowIfNull(constraints);
        constraints.Validated();
        tolerances = (tolerances ?? SeparationTolerances.Default).Validated();
        var objective = constraints.CheapestBy;
        var all = configurations.OrderBy(c => c.Key).ToList();
        var unusable = all
            .Select(c => new ExcludedConfiguration(c, Unusable(c, objective)))
            .Where(e => e.Reasons.Count > 0)
            .ToList();
        var usable = all.Where(c => c.Top1 is not null && c.Energy(objective) is not null).ToList();
        var excluded = usable
            .Select(c => new ExcludedConfiguration(c, constraints.Misses(c)))
            .Where(e => e.Reasons.Count > 0)
            .ToList();
        var choice = usable
            .Where(c => constraints.Misses(c).Count == 0)
            .OrderBy(c => c.Energy(objective))
            .ThenByDescending(c => c.Top1)
            .ThenBy(c => c.Latency?.Value ?? double.PositiveInfinity)
            .ThenBy(c => c.Key)
            .FirstOrDefault();
        return new TradeOffAdvice
        {
            Constraints = constraints,
            Tolerances = tolerances,
            Configurations = usable,
            Unusable = unusable,
            Choice = choice,
            Excluded = excluded,
            Pareto = ParetoSet.Of(usable, objective),
            ParetoUsesLatency = ParetoSet.LatencyKnownForAll(usable),
            Saving = choice is null ? null : Saving(choice, usable, objective),
            PairsWithinTolerance = Pairs(usable, objective, tolerances),
        };
    }

    /// <summary>The most accurate configuration: highest top-1, then the cheaper, the faster, then by key.</summary>
    public static MeasuredConfiguration MostAccurate(IReadOnlyList<MeasuredConfiguration> usable, EnergyObjective objective) =>
        usable.OrderByDescending(c => c.Top1).ThenBy(c => c.Energy(objective)).ThenBy(c => c.Latency?.Value ?? double.PositiveInfinity).ThenBy(c => c.Key).First();

    private static List<string> Unusable(MeasuredConfiguration configuration, EnergyObjective objective)
    {
        var reasons = new List<string>();
        if (configuration.Top1 is null)
        {
            reasons.Add("no top-1 accuracy recorded (eval_top1), so it cannot be placed on the trade-off");
        }

        if (configuration.Energy(objective) is null)
        {
            reasons.Add($"no {objective.Describe()} recorded (no samples)");
        }

        return reasons;
    }

    private static EnergySaving Saving(MeasuredConfiguration choice, IReadOnlyList<MeasuredConfiguration> usable, EnergyObjective objective)
    {
        var most = MostAccurate(usable, objective);
        var theirs = most.Energy(objective)!.Value;
        var saved = theirs - choice.Energy(objective)!.Value;
        return new EnergySaving(most, saved, theirs > 0 ? saved / theirs * 100 : 0, most.Top1!.Value - choice.Top1!.Value);
    }

    private static List<EnergySeparatedPair> Pairs(List<MeasuredConfiguration> usable, EnergyObjective objective, SeparationTolerances tolerances)
    {
        var pairs = new List<EnergySeparatedPair>();
        for (var i = 0; i < usable.Count; i++)
        {
            for (var j = i + 1; j < usable.Count; j++)
            {
                var (a, b) = (usable[i], usable[j]);
                var top1 = Math.Abs(a.Top1!.Value - b.Top1!.Value);
                double? latencyRatio = a.Latency is { } la && b.Latency is { } lb ? Ratio(la.Value, lb.Value) : null;
                if (top1 > tolerances.Top1 + 1e-12 || latencyRatio > 1 + tolerances.LatencyFraction + 1e-12)
                {
                    continue;
                }

                var (cheaper, costlier) = a.Energy(objective) <= b.Energy(objective) ? (a, b) : (b, a);
                var energyRatio = Ratio(cheaper.Energy(objective)!.Value, costlier.Energy(objective)!.Value);
                pairs.Add(new EnergySeparatedPair(cheaper, costlier, top1, latencyRatio, energyRatio, energyRatio >= tolerances.EnergyRatio));
            }
        }

        return [.. pairs.OrderByDescending(p => p.EnergyRatio).ThenBy(p => p.Cheaper.Key).ThenBy(p => p.Costlier.Key)];
    }

    // Larger ÷ smaller; two zeros are equal (1), a zero against a positive is infinitely apart.
    private static double Ratio(double x, double y)
    {
        var (small, large) = x <= y ? (x, y) : (y, x);
        return large == 0 ? 1 : small <= 0 ? double.PositiveInfinity : large / small;
    }
}
