namespace EnergyFacts.Advice;

/// <summary>The advisor's answer for one grid under one set of constraints.</summary>
internal sealed record TradeOffAdvice
{
    /// <summary>The constraints applied.</summary>
    public required AdviceConstraints Constraints { get; init; }

    /// <summary>The tolerances of the separation question.</summary>
    public required SeparationTolerances Tolerances { get; init; }

    /// <summary>Every configuration with top-1 and the objective's energy known, sorted by key.</summary>
    public required IReadOnlyList<MeasuredConfiguration> Configurations { get; init; }

    /// <summary>Configurations set aside before anything else because they lack top-1 or the objective's energy.</summary>
    public required IReadOnlyList<ExcludedConfiguration> Unusable { get; init; }

    /// <summary>The cheapest configuration that meets every constraint; <see langword="null"/> when none does.</summary>
    public MeasuredConfiguration? Choice { get; init; }

    /// <summary>The configurations that miss a constraint, with why.</summary>
    public required IReadOnlyList<ExcludedConfiguration> Excluded { get; init; }

    /// <summary>The Pareto set of <see cref="Configurations"/> (accuracy↑, energy↓, latency↓), sorted by energy.</summary>
    public required IReadOnlyList<MeasuredConfiguration> Pareto { get; init; }

    /// <summary>Whether latency was an axis of <see cref="Pareto"/> (only when every configuration has it).</summary>
    public required bool ParetoUsesLatency { get; init; }

    /// <summary>The choice's saving against the most accurate configuration; <see langword="null"/> without a choice.</summary>
    public EnergySaving? Saving { get; init; }

    /// <summary>Pairs within the accuracy and latency tolerances, with their energy ratios, largest ratio first.</summary>
    public required IReadOnlyList<EnergySeparatedPair> PairsWithinTolerance { get; init; }

    /// <summary>
    /// Whether energy separates configurations that accuracy and latency cannot tell apart: <see langword="true"/> when
    /// some pair within tolerance reaches the separating ratio, <see langword="false"/> when none does, <see langword="null"/>
    /// when no two configurations are within tolerance (the question does not arise).
    /// </summary>
    public bool? EnergySeparates => PairsWithinTolerance.Count == 0 ? null : PairsWithinTolerance.Any(p => p.Separated);
}
